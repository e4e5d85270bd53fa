"""The order states are named once (shop.order.statuses); settings' pipeline, which
cannot import the app, must spell the same ones."""

from django.conf import settings

from shop.order import statuses

ALL = {
    statuses.PENDING,
    statuses.PAID,
    statuses.PROCESSING,
    statuses.SHIPPED,
    statuses.COMPLETE,
    statuses.CANCELLED,
}


def test_settings_name_the_same_states():
    pipeline = settings.OSCAR_ORDER_STATUS_PIPELINE
    assert set(pipeline) == ALL
    assert {state for targets in pipeline.values() for state in targets} <= ALL
    assert settings.OSCAR_INITIAL_ORDER_STATUS == statuses.PENDING
    assert settings.OSCAR_INITIAL_LINE_STATUS == statuses.PENDING


def test_open_orders_are_those_that_may_still_be_cancelled():
    # An open order holds its stock; cancelling it gives the stock back.
    pipeline = settings.OSCAR_ORDER_STATUS_PIPELINE
    may_cancel = {state for state, targets in pipeline.items() if statuses.CANCELLED in targets}
    assert set(statuses.OPEN_STATUSES) == may_cancel


def test_every_state_has_one_wording():
    assert set(statuses.LABELS) == ALL
