"""Word documents the pipeline writes from docxtpl templates in ``templates_docx/``.

``render`` is the one place that runs a template; each document (the receipt, later
the reports) has a module that builds its context and names its template.
"""
