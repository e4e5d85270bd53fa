"""Lab tests: record one with its results, work out pass/fail, append the inspecting event."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.pagecache import invalidate_pages_on_commit
from provenance.models import (
    LabLimit,
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
    """``results``: dicts with category, analyte, value and unit. A limit in them is
    ignored: results are judged against the lab's own limits (``LabLimit``)."""
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
            LabResult.objects.create(
                test=test,
                category=row["category"],
                analyte=row["analyte"],
                value=row["value"],
                unit=row["unit"],
            )
        register_lab_test(test, user=user)
    return test


def check_lab_dates(sampled_on, tested_on):
    """A sample is tested after it is taken (raises ValidationError on ``tested_on``)."""
    if sampled_on and tested_on and tested_on < sampled_on:
        raise ValidationError({"tested_on": _("A sample is tested after it is taken.")})


def register_lab_test(test, *, user=None):
    """After a lab test and its results are saved (by a service or the admin): judge it
    against the lab's own limits (``judge_lab_test``), append the inspecting event and
    refresh what depends on the lot."""
    with transaction.atomic():
        results = list(test.results.all())
        judge_lab_test(test, results)
        _record_verdict(test, results, user)
    return test


def _record_verdict(test, results, user):
    """Append the inspecting event of a judged test (sealing its state) and refresh what
    depends on its lot."""
    sealed = lab_test_state(test, results)
    append_event(
        cooperative=test.lot.cooperative,
        event_type=Type.OBJECT,
        action="OBSERVE",
        biz_step=Step.INSPECTING,
        step="lab_test",
        event_time=test.tested_on,
        where=_where_facility(test.lab.accreditation_number or f"lab-{test.lab_id}", test.lab.name),
        objects=[(test.lot, None, None)],
        disposition={PASSED: "conformant", FAILED: "non_conformant"}.get(
            test.status, "in_progress"
        ),
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
            "status": test.status,
            "reviewReasons": test.review_reasons,
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


# ---------------------------------------------------------------- what a seller may certify

AWAITING, PASSED, FAILED = "awaiting_review", "passed", "failed"

REVIEW_REASONS = {
    "no_results": gettext_lazy("no results are recorded"),
    "lab_not_accredited": gettext_lazy("the laboratory is not accredited"),
    "no_certificate_file": gettext_lazy("the certificate file is missing"),
    "no_lab_limit": gettext_lazy("the laboratory has no limit on record for %(analyte)s"),
    "unit_mismatch": gettext_lazy(
        "%(analyte)s is given in %(unit)s, the laboratory's limit in %(lab_unit)s"
    ),
}


def review_reason_message(reason):
    template = REVIEW_REASONS.get(reason.get("code"), gettext_lazy("it needs a review"))
    try:
        return template % reason
    except (KeyError, TypeError, ValueError):
        return str(template)


def lab_limits(lab):
    """The lab's limits by lower-cased analyte name."""
    return {limit.analyte.strip().lower(): limit for limit in LabLimit.objects.filter(lab=lab)}


def judge_lab_test(test, results):
    """Judge each result against the lab's own limit (copied onto the result, whatever
    the seller typed) and the test as a whole: ``failed`` when a result is outside the
    lab's limit; ``awaiting_review`` when the lab is not accredited, the certificate
    file is missing, or a result has no lab limit in its unit; else ``passed``.
    Saves the results and the test's verdict."""
    limits = lab_limits(test.lab)
    reasons = []
    if not results:
        reasons.append({"code": "no_results"})
    if not test.lab.is_accredited:
        reasons.append({"code": "lab_not_accredited"})
    if not test.certificate:
        reasons.append({"code": "no_certificate_file"})
    failed = False
    for result in results:
        limit = limits.get(result.analyte.strip().lower())
        if limit is None:
            result.limit, result.limit_kind, result.passed = None, LabResult.LimitKind.MAX, None
            reasons.append({"code": "no_lab_limit", "analyte": result.analyte})
        elif limit.unit.strip().lower() != result.unit.strip().lower():
            result.limit, result.limit_kind, result.passed = None, limit.limit_kind, None
            reasons.append(
                {
                    "code": "unit_mismatch",
                    "analyte": result.analyte,
                    "unit": result.unit,
                    "lab_unit": limit.unit,
                }
            )
        else:
            result.limit, result.limit_kind = limit.limit, limit.limit_kind
            if limit.limit_kind == LabResult.LimitKind.MIN:
                result.passed = result.value >= limit.limit
            else:
                result.passed = result.value <= limit.limit
            failed = failed or not result.passed
        LabResult.objects.filter(pk=result.pk).update(
            limit=result.limit, limit_kind=result.limit_kind, passed=result.passed
        )
    # a result outside the lab's limit fails the test whatever else is missing
    status = FAILED if failed else (AWAITING if reasons else PASSED)
    test.status, test.passed, test.review_reasons = status, status == PASSED, reasons
    LabTest.objects.filter(pk=test.pk).update(
        status=status, passed=test.passed, review_reasons=reasons
    )
    invalidate_pages_on_commit()
    return status


def rejudge_awaiting_tests(lab, *, user=None):
    """After staff change a lab's limits (or accreditation): judge its tests that await
    review again; each new verdict is a new inspecting event."""
    changed = []
    for test in (
        LabTest.objects.filter(lab=lab, status=AWAITING).select_related("lab", "lot").order_by("pk")
    ):
        with transaction.atomic():
            results = list(test.results.all())
            before = list(test.review_reasons or [])
            if judge_lab_test(test, results) != AWAITING or test.review_reasons != before:
                _record_verdict(test, results, user)
                changed.append(test)
    return changed
