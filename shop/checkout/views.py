"""Checkout views, thin: they read the session and forms, call the services, render.

Oscar's own steps are kept for the address and the shipping method. The preview page
carries the payment choice and the place-order button; placing goes through
``shop.checkout.services.place_order`` which holds the stock before any payment.
"""

import logging

from django import http
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from oscar.apps.checkout import views as oscar_views
from oscar.apps.checkout.exceptions import FailedPreCondition
from oscar.core.loading import get_model

from payments import services as payment_services
from payments.models import DisplayCurrency, Method
from payments.models import Status as PaymentStatus
from shop.catalogue import destinations
from shop.checkout import services
from shop.checkout.forms import PaymentMethodForm
from shop.order import links
from shop.order import services as order_services

Order = get_model("order", "Order")
logger = logging.getLogger(__name__)


class IndexView(oscar_views.IndexView):
    """No separate "who are you" step: a guest gives the e-mail on the delivery page
    (which links to sign in). Posting Oscar's gateway form still works."""

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return super().get(request, *args, **kwargs)
        return redirect("checkout:shipping-address")


class ShippingAddressView(oscar_views.ShippingAddressView):
    """Delivery: the address, and a guest's e-mail, on one page. There is one shipping
    method per address (domestic or international), so Oscar's method step and its
    payment-method step pass straight through to the review page."""

    pre_conditions = ["check_basket_is_not_empty", "check_basket_is_valid"]

    def _asks_email(self):
        return not self.request.user.is_authenticated

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "basket": self.request.basket}
        if self._asks_email():
            kwargs["guest_email"] = self.checkout_session.get_guest_email() or ""
        return kwargs

    def form_valid(self, form):
        if self._asks_email() and form.cleaned_data.get("email"):
            self.checkout_session.set_guest_email(form.cleaned_data["email"])
        return super().form_valid(form)


UserAddressUpdateView = oscar_views.UserAddressUpdateView
UserAddressDeleteView = oscar_views.UserAddressDeleteView


class DestinationCheckMixin:
    """A pre-condition of every step after the address: each basket line may go to the
    shipping address's country (shop.catalogue.destinations), else back to the address."""

    def check_destination_allowed(self, request):
        address = self.get_shipping_address(request.basket)
        country = address.country_id if address is not None else ""
        problem = destinations.destination_problem(request.basket, country)
        if problem:
            raise FailedPreCondition(url=reverse("checkout:shipping-address"), message=problem)


class ShippingMethodView(DestinationCheckMixin, oscar_views.ShippingMethodView):
    pre_conditions = [*oscar_views.ShippingMethodView.pre_conditions, "check_destination_allowed"]


class PaymentMethodView(DestinationCheckMixin, oscar_views.PaymentMethodView):
    """The payment choice sits on the preview page, next to the total it applies to."""

    pre_conditions = [*oscar_views.PaymentMethodView.pre_conditions, "check_destination_allowed"]

    def get_success_url(self):
        return reverse("checkout:preview")


class PaymentDetailsView(DestinationCheckMixin, oscar_views.PaymentDetailsView):
    pre_conditions = [*oscar_views.PaymentDetailsView.pre_conditions, "check_destination_allowed"]

    def get(self, request, *args, **kwargs):
        if not self.preview:
            return redirect("checkout:preview")
        return super().get(request, *args, **kwargs)

    def get_pre_conditions(self, request):
        # No separate payment-details step: the preview only needs the shipping data.
        return list(self.pre_conditions)

    def _methods(self, address=None, total=None):
        if total is None:  # the context has them already; a POST works them out
            basket = self.request.basket
            address = self.get_shipping_address(basket)
            method = self.get_shipping_method(basket, address)
            total = self.get_order_totals(basket, method.calculate(basket))
        country = address.country_id if address is not None else ""
        return services.available_payment_methods(country_code=country, total=int(total.incl_tax))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if "payment_form" not in ctx:
            methods = self._methods(ctx.get("shipping_address"), ctx.get("order_total"))
            ctx["payment_form"] = PaymentMethodForm(methods=methods)
        ctx["cod_max"] = settings.SHOP_COD_MAX_VND
        ctx["intl_days"] = settings.INTL_TRANSFER_WINDOW_DAYS
        return ctx

    def handle_place_order_submission(self, request):
        basket = request.basket
        form = PaymentMethodForm(request.POST, methods=self._methods())
        if not form.is_valid():
            return self.render_preview(request, payment_form=form)
        submission = self.build_submission()
        shipping_address = submission["shipping_address"]
        try:
            order = services.place_order(
                submission["basket"],
                user=request.user,
                shipping_address=shipping_address,
                shipping_method=submission["shipping_method"],
                payment_method=form.cleaned_data["payment_method"],
                email=submission["order_kwargs"].get("guest_email", "")
                or getattr(request.user, "email", ""),
                language=translation.get_language(),
                billing_address=submission["billing_address"],
                request=request,
            )
        except services.OutOfStock as exc:
            services.fit_basket_to_stock(basket)
            for s in exc.shortages:
                messages.error(
                    request,
                    _(
                        "Sorry, someone was quicker: only %(available)d of %(title)s left "
                        "(you asked for %(requested)d). Your basket now shows what is left; "
                        "nothing has been charged."
                    )
                    % {"available": s.available, "title": s.title, "requested": s.requested},
                )
            return redirect("basket:summary")
        except services.DestinationNotAllowed as exc:
            messages.error(request, str(exc))
            return redirect("checkout:shipping-address")
        except services.CheckoutError as exc:
            messages.error(request, str(exc))
            return redirect("checkout:preview")

        self.checkout_session.flush()
        request.session["checkout_order_id"] = order.pk
        if order.payment_method == Method.CARD and order.status == order_services.PENDING:
            return start_card_payment(request, order)
        return redirect(links.status_path(order))


def start_card_payment(request, order):
    payment = (
        payment_services.payments_for(order_services.PAYMENT_PURPOSE, order.number)
        .filter(method=Method.CARD, status=PaymentStatus.PENDING)
        .first()
    )
    if payment is None:
        return redirect(links.status_path(order))
    if payment.checkout_url:
        return http.HttpResponseRedirect(payment.checkout_url)
    status_url = request.build_absolute_uri(links.status_path(order))
    try:
        payment = payment_services.start_card_payment(
            payment,
            description=_("Sâm Lai Châu order %(number)s") % {"number": order.number},
            success_url=status_url,
            cancel_url=status_url,
            email=order.email,
            locale="vi" if order.language.startswith("vi") else "en",
        )
    except Exception:
        logger.exception("could not start a card payment for order %s", order.number)
        order_services.cancel_order(order, reason="Card payment could not be started")
        messages.error(
            request,
            _(
                "The card payment could not be started. Nothing has been charged and the "
                "order was cancelled; please try again or choose a bank transfer."
            ),
        )
        return redirect(links.status_path(order))
    return http.HttpResponseRedirect(payment.checkout_url)


def order_context(order):
    payments = list(payment_services.payments_for(order_services.PAYMENT_PURPOSE, order.number))

    def pending(method):
        return next((p for p in payments if p.method == method and p.is_pending), None)

    token = links.status_token(order)
    return {
        "order": order,
        "payments": payments,
        "pending_transfer": pending(Method.VIETQR),
        "pending_card": pending(Method.CARD),
        "pending_intl": pending(Method.INTL_TRANSFER),
        "status_path": links.status_path(order),
        "status_token": token,
        "proforma_path": reverse("checkout:order-proforma", kwargs={"token": token}),
        "awaits_cod_confirmation": (
            order.payment_method == Method.COD
            and order.status == order_services.PROCESSING
            and order.cod_confirmed_at is None
            and order.cod_confirm_by is not None
        ),
        "cod_confirm_path": links.cod_confirm_path(order),
    }


def _order_for(token):
    number = links.number_from_token(token)
    queryset = Order.objects.select_related("shipping_address", "shipping_address__country")
    order = queryset.filter(number=number).first() if number else None
    if order is None:
        raise http.Http404
    return order


class ThankYouView(oscar_views.ThankYouView):
    """One page per order: the thank-you address sends the buyer to the order's page."""

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object is None:
            return redirect(f"/{translation.get_language()}/")
        return redirect(links.status_path(self.object))


def order_status(request, token):
    """Anyone holding the signed link (sent in every e-mail) may see the order's status."""
    order = _order_for(token)
    ctx = order_context(order)
    ctx["just_placed"] = request.session.get("checkout_order_id") == order.pk
    return render(request, "oscar/checkout/order_status.html", ctx)


def order_proforma(request, token):
    """A printable proforma invoice for an order awaiting an international transfer:
    what a foreign buyer's bank (or import office) asks for before sending money."""
    from payments import intl_transfer

    order = _order_for(token)
    ctx = order_context(order)
    payment = ctx["pending_intl"] or next(
        (p for p in ctx["payments"] if p.method == Method.INTL_TRANSFER), None
    )
    if payment is None:
        raise http.Http404
    ctx.update(
        payment=payment,
        details=intl_transfer.details(payment),
        seller_name=settings.INTL_ACCOUNT_NAME,
        seller_address=settings.INTL_ACCOUNT_ADDRESS,
    )
    return render(request, "shop/proforma.html", ctx)


@require_POST
def pay_by_card(request, token):
    return start_card_payment(request, _order_for(token))


def confirm_cod(request, token):
    """The buyer confirms a cash-on-delivery order from the link in the e-mail or on
    the order page. GET only shows the button (mail scanners follow links); POST
    confirms."""
    number = links.number_from_cod_token(token)
    order = Order.objects.filter(number=number).first() if number else None
    if order is None:
        raise http.Http404
    if request.method == "POST":
        try:
            order_services.confirm_cod_order(order)
        except order_services.OrderStateError:
            messages.error(request, _("This order can no longer be confirmed."))
        else:
            messages.success(request, _("Thank you: your order is confirmed."))
        return redirect(links.status_path(order))
    if request.method != "GET":
        return http.HttpResponseNotAllowed(["GET", "POST"])
    context = order_context(order)
    return render(request, "oscar/checkout/confirm_cod.html", context)


@require_POST
def set_display_currency(request):
    code = request.POST.get("currency", "")
    if code in DisplayCurrency.values:
        request.session["display_currency"] = code
    else:
        request.session.pop("display_currency", None)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    return redirect(target)
