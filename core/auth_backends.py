"""One sign-in backend for e-mail or username, which hashes the password exactly once
whether or not the account exists (two backends, Oscar's EmailBackend then Django's
ModelBackend, hashed a known e-mail's password twice and an unknown one's once: the
time told which addresses have accounts)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Case, IntegerField, Q, Value, When


class EmailOrUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        User = get_user_model()
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD) or kwargs.get("email")
        if not username or password is None:
            return None
        username = username.strip()
        lookup = Q(**{User.USERNAME_FIELD: username})
        if "@" in username:
            lookup |= Q(email__iexact=username)
        # An exact username first, then the oldest account with that e-mail.
        user = (
            User._default_manager.filter(lookup)
            .annotate(
                _rank=Case(
                    When(**{User.USERNAME_FIELD: username}, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("_rank", "pk")
            .first()
        )
        if user is None:
            # The same work as checking a real password (as ModelBackend does).
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
