"""The inbox: whatever staff drop in is identified, parsed, validated, archived and answered.

``readiness`` decides when a file may be taken and claims it; ``processing`` takes one
claimed file to its final state; ``handlers`` know each kind of document; ``watcher``
and ``run`` drive them. One code path serves ``watch``, ``watch --once`` and ``ingest``.
"""
