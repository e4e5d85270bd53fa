"""Lab tests: record one with its results, work out pass/fail, append the inspecting event."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from provenance.models import (
    LabResult,
    LabTest,
)
from provenance.services.chain import Step, Type, _where_facility, append_event, lock_chains
from provenance.services.lots import _lock_lots
from provenance.services.sale import refresh_dependants
from provenance.services.sealed import lab_test_state


def record_lab_test(
    *, lot, lab, certificate_number, sampled_on, tested_on, results, certificate=None, user=None
):
    """``results``: dicts with category, analyte, value, unit, limit, limit_kind."""
    check_lab_dates(sampled_on, tested_on)
    with transaction.atomic():
        lock_chains([lot.cooperative])
        _lock_lots([lot])
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


def check_lab_dates(sampled_on, tested_on):
    """A sample is tested after it is taken (raises ValidationError on ``tested_on``)."""
    if sampled_on and tested_on and tested_on < sampled_on:
        raise ValidationError({"tested_on": _("A sample is tested after it is taken.")})


def register_lab_test(test, *, user=None):
    """After a lab test and its results are saved (by a service or the admin): work out
    pass/fail, append the inspecting event and refresh what depends on the lot."""
    with transaction.atomic():
        results = list(test.results.all())
        test.passed = bool(results) and all(r.passed for r in results)
        LabTest.objects.filter(pk=test.pk).update(passed=test.passed)
        sealed = lab_test_state(test, results)
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
                {
                    "kind": "lab_certificate",
                    "number": test.certificate_number,
                    "lab": test.lab.name,
                    "sha256": sealed["certificateSha256"],
                }
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
            state={"labTest": sealed},
        )
        refresh_dependants([test.lot_id])
    return test
