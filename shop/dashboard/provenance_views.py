"""A cooperative records its own provenance in the dashboard, through the same
provenance services staff use; every lot is loaded through cooperatives.access."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import generic

from cooperatives import access
from provenance import services
from provenance.models import Lot


class LotListView(generic.ListView):
    model = Lot
    template_name = "shop/dashboard/lot_list.html"
    context_object_name = "lots"
    paginate_by = 100

    def get_queryset(self):
        return (
            access.owned_queryset(self.request.user, Lot)
            .select_related("growing_area")
            .order_by("-produced_on", "-pk")
        )


class HarvestForm(forms.Form):
    code = forms.CharField(label=_("Lot code"), max_length=40)
    kg = forms.DecimalField(label=_("Weight (kg)"), min_value=0.001, decimal_places=3)
    area_ha = forms.DecimalField(label=_("Area harvested (ha)"), min_value=0.01, decimal_places=2)
    harvested_on = forms.DateField(label=_("Harvested on"))

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if Lot.objects.filter(code=code).exists():
            raise ValidationError(_("A lot with this code exists already."))
        return code


class RecordHarvestView(generic.FormView):
    model = Lot
    form_class = HarvestForm
    template_name = "shop/dashboard/record_harvest.html"

    def dispatch(self, request, *args, **kwargs):
        self.planting = access.get_owned_or_404(
            request.user, Lot, pk=kwargs["pk"], kind=Lot.Kind.PLANTING
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(planting=self.planting, **kwargs)

    def form_valid(self, form):
        try:
            services.record_harvest(
                planting=self.planting, user=self.request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, _("Harvest recorded."))
        return redirect("dashboard:cooperative-lots")
