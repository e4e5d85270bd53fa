"""Work done outside the request through Django's task interface (django_tasks): the
ImmediateBackend runs it inline in development and tests, a worker backend in
production (TASKS setting)."""

from django_tasks import task


@task()
def import_bank_statement(import_id):
    from payments import services

    return services.run_statement_import(import_id)
