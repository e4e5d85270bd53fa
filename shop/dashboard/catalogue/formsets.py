"""Oscar's product formsets, forked: a POST without the stock-record formset's
management data (so with no forms) is a form error, not an IndexError."""

from oscar.apps.dashboard.catalogue.formsets import *  # noqa: F403
from oscar.apps.dashboard.catalogue.formsets import (
    StockRecordFormSet as OscarStockRecordFormSet,
)


class StockRecordFormSet(OscarStockRecordFormSet):
    def set_initial_data(self):
        if self.forms:
            super().set_initial_data()
