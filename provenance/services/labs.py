"""Lab tests: record one with its results, work out pass/fail, append the inspecting event."""

from django.db import transaction

from provenance.models import (
    LabResult,
    LabTest,
)
from provenance.services.chain import Step, Type, _where_facility, append_event
from provenance.services.sale import refresh_dependants


def record_lab_test(
    *, lot, lab, certificate_number, sampled_on, tested_on, results, certificate=None, user=None
):
    """``results``: dicts with category, analyte, value, unit, limit, limit_kind."""
    with transaction.atomic():
        test = LabTest(
            lab=lab,
            lot=lot,
            certificate_number=certificate_number,
            sampled_on=sampled_on,
            tested_on=tested_on,
        )
        if certificate is not None:
            test.certificate = certificate
        test.save()
        for row in results:
            LabResult.objects.create(test=test, **row)
        register_lab_test(test, user=user)
    return test


def register_lab_test(test, *, user=None):
    """After a lab test and its results are saved (by a service or the admin): work out
    pass/fail, append the inspecting event and refresh what depends on the lot."""
    with transaction.atomic():
        results = list(test.results.all())
        test.passed = bool(results) and all(r.passed for r in results)
        LabTest.objects.filter(pk=test.pk).update(passed=test.passed)
        append_event(
            cooperative=test.lot.cooperative,
            event_type=Type.OBJECT,
            action="OBSERVE",
            biz_step=Step.INSPECTING,
            step="lab_test",
            event_time=test.tested_on,
            where=_where_facility(
                test.lab.accreditation_number or f"lab-{test.lab_id}", test.lab.name
            ),
            objects=[(test.lot, None, None)],
            disposition="conformant" if test.passed else "non_conformant",
            documents=[
                {"kind": "lab_certificate", "number": test.certificate_number, "lab": test.lab.name}
            ],
            details={
                "passed": test.passed,
                "results": [
                    {
                        "analyte": r.analyte,
                        "value": r.value,
                        "unit": r.unit,
                        "limit": r.limit,
                        "limitKind": r.limit_kind,
                        "passed": r.passed,
                    }
                    for r in results
                ],
            },
            user=user,
        )
        refresh_dependants([test.lot_id])
    return test
