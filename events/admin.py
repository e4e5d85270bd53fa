"""Staff manage training sessions, their hand-outs and registrations in the Django admin
(event pages are Wagtail pages, edited in /cms-admin/).

Registrations staff add go through ``services.register_for_training``, the service members
use: the form first runs it and undoes it (so "full", "already registered" become form
errors, with the session's row locked), then the save runs it for real."""

from collections import defaultdict

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from events import services
from events.models import TrainingDocument, TrainingRegistration, TrainingSession, name_key


class _Undo(Exception):
    pass


def _errors_of(exc):
    if isinstance(exc, ValidationError):
        return exc.messages
    return [str(exc)]


def try_registrations(session, user, new, deleted=()):
    """Run the service for ``new`` (``{cooperative: [names]}``) after removing
    ``deleted``, then undo it all; return the messages it refused with."""
    errors = []
    try:
        with transaction.atomic():
            TrainingRegistration.objects.filter(pk__in=[r.pk for r in deleted]).delete()
            for cooperative, names in new.items():
                try:
                    services.register_for_training(
                        session, user=user, cooperative=cooperative, names=names
                    )
                except (ValidationError, PermissionDenied) as exc:
                    errors += _errors_of(exc)
            raise _Undo
    except _Undo:
        pass
    return errors


def register(session, user, new):
    """The real run: ``{cooperative: [names]}`` → ``{(cooperative pk, name key): row}``."""
    created = {}
    for cooperative, names in new.items():
        for row in services.register_for_training(
            session, user=user, cooperative=cooperative, names=names
        ):
            created[(cooperative.pk, name_key(row.attendee_name))] = row
    return created


class RegistrationAdminForm(forms.ModelForm):
    """A new registration is checked by the service (capacity, duplicates)."""

    request_user = None

    class Meta:
        model = TrainingRegistration
        fields = ["session", "cooperative", "attendee_name", "user", "attended"]

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and not self.errors:
            new = {data["cooperative"]: [data["attendee_name"]]}
            for message in try_registrations(data["session"], self.request_user, new):
                self.add_error(None, message)
        return data


class RegistrationInlineFormSet(forms.BaseInlineFormSet):
    """New rows of a session's registrations are checked together by the service."""

    request_user = None

    def new_rows(self):
        new = defaultdict(list)
        for form in self.forms:
            if form.instance.pk is not None or not form.has_changed():
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("cooperative") and data.get("attendee_name"):
                new[data["cooperative"]].append(data["attendee_name"])
        return new

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        new = self.new_rows()
        if not new:
            return
        session = self.instance
        if session.pk is None:  # a new session: nothing to lock yet
            capacity = session.capacity or 0
            if sum(len(names) for names in new.values()) > capacity:
                raise ValidationError(
                    _("This training session is full: all %(capacity)d seats are taken.")
                    % {"capacity": capacity}
                )
            return
        deleted = [
            form.instance
            for form in self.initial_forms
            if self.can_delete and self._should_delete_form(form)
        ]
        errors = try_registrations(session, self.request_user, new, deleted)
        if errors:
            raise ValidationError(errors)


class TrainingDocumentInline(admin.TabularInline):
    model = TrainingDocument
    extra = 1


class TrainingRegistrationInline(admin.TabularInline):
    model = TrainingRegistration
    formset = RegistrationInlineFormSet
    extra = 0
    fields = ["cooperative", "attendee_name", "registered_by", "registered_at", "attended"]
    readonly_fields = ["registered_by", "registered_at"]
    autocomplete_fields = ["cooperative"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = [
        "title_vi",
        "topic",
        "starts_at",
        "place",
        "host_cooperative",
        "capacity",
        "registered",
        "is_cancelled",
    ]
    list_filter = ["topic", "is_cancelled", "host_cooperative"]
    search_fields = ["title_vi", "title_en", "place", "commune"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["host_cooperative"]
    inlines = [TrainingDocumentInline, TrainingRegistrationInline]

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            if issubclass(formset, RegistrationInlineFormSet):
                formset = type(formset.__name__, (formset,), {"request_user": request.user})
            yield formset, inline

    def save_formset(self, request, form, formset, change):
        if not isinstance(formset, RegistrationInlineFormSet):
            return super().save_formset(request, form, formset, change)
        new = formset.new_rows()
        instances = formset.save(commit=False)
        for registration in formset.deleted_objects:
            registration.delete()
        created = register(form.instance, request.user, new)
        for registration in instances:
            if registration.pk is None:
                key = (registration.cooperative_id, name_key(registration.attendee_name))
                row = created.get(key)
                if row is not None and registration.attended is not None:
                    row.attended = registration.attended
                    row.save(update_fields=["attended"])
            else:
                registration.save()
        formset.save_m2m()

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(registered_count=Count("registrations"))

    @admin.display(description=_("registered"), ordering="registered_count")
    def registered(self, obj):
        return obj.registered_count


@admin.register(TrainingRegistration)
class TrainingRegistrationAdmin(admin.ModelAdmin):
    form = RegistrationAdminForm
    list_display = ["attendee_name", "cooperative", "session", "attended", "registered_at"]
    list_filter = ["attended", "session__topic"]
    search_fields = ["attendee_name", "cooperative__legal_name"]
    list_select_related = ["cooperative", "session"]
    raw_id_fields = ["session", "user", "registered_by", "attendance_recorded_by"]
    readonly_fields = ["registered_at", "attendance_recorded_at"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"request_user": request.user})

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        (row,) = services.register_for_training(
            obj.session, user=request.user, cooperative=obj.cooperative, names=[obj.attendee_name]
        )
        if obj.attended is not None or obj.user_id:
            row.attended, row.user = obj.attended, obj.user
            row.save(update_fields=["attended", "user"])
        obj.__dict__.update(row.__dict__)
        return None
