"""The budget after issue, by concern:

- `summary`: the figures (estimate, contributions, actual spending) read by the pages;
- `expenses`: the organiser's writes of actual spending;
- `workbook`: the disclosure ("công khai trong Cụm") as an XLSX workbook.
"""
