"""Office adapters for Excel workbooks: the only modules that import openpyxl."""
