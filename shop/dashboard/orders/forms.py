from oscar.apps.dashboard.orders import forms as oscar_forms

from shop.order import statuses


class OrderStatusForm(oscar_forms.OrderStatusForm):
    """Oscar's status form with each status in the words the buyer and the cooperative
    read (shop.order.statuses); the stored value stays Oscar's."""

    def __init__(self, order, *args, **kwargs):
        super().__init__(order, *args, **kwargs)
        self.fields["new_status"].choices = [
            (value, statuses.label(value)) for value, _label in self.fields["new_status"].choices
        ]


class OrderSearchForm(oscar_forms.OrderSearchForm):
    """Oscar's order search, its status filter in our words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, statuses.label(value) if value else label)
            for value, label in self.fields["status"].choices
        ]
