"""Slow provenance work through the task interface (inline here, a worker in production)."""

from django_tasks import task


@task()
def checkpoint_chains():
    """Sign every chain's head (``services.checkpoints.create_checkpoint``)."""
    from provenance.services.checkpoints import create_checkpoint

    return create_checkpoint().pk
