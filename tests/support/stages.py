"""Moving a test's round through the steps, as staff do with ``mecigep round move``."""
from pipeline.domain.models import Stage
from pipeline.stages.rounds import move_round


def advance(workspace, round_id: str, *stages: Stage, reason: str = "as the test needs") -> None:
    """Moves the round through ``stages``, in order."""
    for stage in stages:
        move_round(workspace, round_id, stage, reason)
