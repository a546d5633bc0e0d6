"""The command line: thin commands that call the stages and print; the only place that prints or exits."""
