"""The one ownership rule of the dashboard: a cooperative (partner) user reaches only
what belongs to a partner they are a user of. Staff reach everything; anyone else
nothing. Every dashboard view that loads an object by id goes through here.

Each app registers, per model, the lookup from that model to its owning partner
(``cooperatives.registry.register_owned``, from its ``AppConfig.ready()``)."""

from django.apps import apps
from django.http import Http404

from cooperatives import registry


def is_staff(user):
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def is_cooperative_user(user):
    """A signed-in, non-staff user who may use the partner dashboard."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and not user.is_staff
        and user.has_perm("partner.dashboard_access")
    )


def partners_of(user):
    Partner = apps.get_model("partner", "Partner")
    if not (user and user.is_authenticated and user.is_active):
        return Partner.objects.none()
    return Partner.objects.filter(users=user)


def owned_queryset(user, model_or_queryset):
    """``model_or_queryset`` narrowed to what ``user`` owns (all of it for staff)."""
    queryset = getattr(model_or_queryset, "_default_manager", None)
    queryset = queryset.all() if queryset is not None else model_or_queryset
    model = queryset.model
    if is_staff(user):
        return queryset
    if not is_cooperative_user(user):
        return queryset.none()
    path = registry.partner_path(model)
    if path is None:
        # A model nobody registered is nobody's: deny rather than leak.
        return queryset.none()
    users = f"{path}__users" if path else "users"
    owned_ids = model._default_manager.filter(**{users: user}).values("pk")
    return queryset.filter(pk__in=owned_ids)


def owns(user, obj):
    if obj is None or obj.pk is None:
        return False
    return owned_queryset(user, type(obj)).filter(pk=obj.pk).exists()


def check_owner(user, obj):
    """404 (not 403: do not confirm that someone else's object exists)."""
    if not owns(user, obj):
        raise Http404
    return obj


def get_owned_or_404(user, model_or_queryset, **lookup):
    queryset = owned_queryset(user, model_or_queryset)
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
