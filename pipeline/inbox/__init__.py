"""The inbox: whatever staff drop in is identified, parsed, validated, archived and answered.

``readiness`` decides when a file may be taken and claims it; ``analysis`` reads it in an isolated child
(``isolation``) as the kind its identity names; ``processing`` takes one claimed file to its final state through
the steps of ``job``; ``kinds/`` holds one module per kind of document; ``run`` drives them. One code path
serves ``watch``, ``watch --once`` and ``ingest``.
"""
