"""MECIGEP document pipeline."""
