"""A cooperative records its own provenance in the dashboard, through the same
provenance services staff use; every lot is loaded through cooperatives.access."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import generic

from cooperatives import access
from cooperatives.dashboard import provenance_forms as forms_
from provenance import services
from provenance.models import Lot


class LotListView(generic.ListView):
    model = Lot
    template_name = "cooperatives/dashboard/lot_list.html"
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
    kg = forms.DecimalField(label=_("Weight (kg)"), min_value=Decimal("0.001"), decimal_places=3)
    area_ha = forms.DecimalField(
        label=_("Area harvested (ha)"), min_value=Decimal("0.01"), decimal_places=2
    )
    harvested_on = forms.DateField(label=_("Harvested on"))

    def clean_code(self):
        return services.check_new_lot_code(self.cleaned_data["code"])


class RecordHarvestView(generic.FormView):
    model = Lot
    form_class = HarvestForm
    template_name = "cooperatives/dashboard/record_harvest.html"

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


class OwnLotMixin:
    """Loads the lot in the URL through cooperatives.access, of one of ``lot_kinds``."""

    lot_kinds = ()

    def dispatch(self, request, *args, **kwargs):
        self.lot = access.get_owned_or_404(
            request.user, Lot, pk=kwargs["pk"], kind__in=self.lot_kinds
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "lot": self.lot, "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(lot=self.lot, **kwargs)

    def record(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.record(form)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect("dashboard:cooperative-lots")


class RecordProcessingView(OwnLotMixin, generic.FormView):
    model = Lot
    lot_kinds = (Lot.Kind.HARVEST,)
    form_class = forms_.ProcessingForm
    template_name = "cooperatives/dashboard/record_processing.html"
    success_message = _("Processing recorded.")

    def record(self, form):
        services.record_processing(
            inputs=form.inputs(), user=self.request.user, **form.lot_fields()
        )


class RecordLabTestView(OwnLotMixin, generic.FormView):
    model = Lot
    lot_kinds = (Lot.Kind.HARVEST, Lot.Kind.PROCESSED, Lot.Kind.PACKED)
    form_class = forms_.LabTestForm
    template_name = "cooperatives/dashboard/record_lab_test.html"
    success_message = _("Lab test recorded.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("results", self.results)
        return context

    def dispatch(self, request, *args, **kwargs):
        self.results = None
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.results = forms_.LabResultFormSet(prefix="results")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.results = forms_.LabResultFormSet(request.POST, prefix="results")
        form = self.get_form()
        if form.is_valid() and self.results.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def record(self, form):
        services.record_lab_test(
            lot=self.lot, user=self.request.user, results=self.results.rows(), **form.cleaned_data
        )


class PackLotView(OwnLotMixin, generic.FormView):
    model = Lot
    lot_kinds = (Lot.Kind.HARVEST, Lot.Kind.PROCESSED)
    form_class = forms_.PackForm
    template_name = "cooperatives/dashboard/pack_lot.html"
    success_message = _("Lot packed.")

    def record(self, form):
        services.pack_lot(source=self.lot, user=self.request.user, **form.pack_fields())
