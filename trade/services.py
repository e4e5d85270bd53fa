"""The rules of wholesale and export trade: enquiries, quotes (every version kept),
revision, acceptance and the order an accepted quote becomes. Views and the dashboard
call these and hold no rule of their own.

Locks: the enquiry's row, inside ``transaction.atomic``, before any of its quotes change
(one order of locks: payment → enquiry, as payments' handlers run holding the payment).
Side effects (e-mail) go through ``core.mail.send_on_commit``."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperatives import access
from payments import services as payment_services
from payments.models import ExchangeRate, Method
from shop.catalogue import destinations
from trade import emails, pricing
from trade.models import Enquiry, EnquiryLine, Quote, QuoteLine, TradeOrder, new_order_number

PAYMENT_PURPOSE = "trade"


class TradeRefused(Exception):
    """A rule says no; ``message`` says why, in the active language."""

    def __init__(self, message, code=""):
        super().__init__(message)
        self.message = message
        self.code = code


# --------------------------------------------------------------------------- rules
def seller_of(product):
    """The partner that answers for a product: the seller of its first stock record."""
    record = product.stockrecords.order_by("pk").select_related("partner").first()
    return record.partner if record is not None else None


def export_problem(products, country):
    """Why these products cannot be quoted for ``country`` ('' when they can): the shop's
    own ship-to rules (shop.catalogue.destinations), the same as at checkout."""
    refused = destinations.refused_products(products, country)
    if not refused:
        return ""
    names = "; ".join(f"{p.get_title()} ({destinations.rule_label(p)})" for p in refused)
    return _("We cannot quote these products for %(country)s: %(products)s.") % {
        "country": destinations.country_name(country),
        "products": names,
    }


def may_answer(user, quote_line):
    """Staff, or a user of the cooperative the line belongs to."""
    return access.is_staff(user) or access.owns(user, quote_line)


def may_send(user, quote):
    """Staff, or a cooperative that owns every line of the quote."""
    if access.is_staff(user):
        return True
    if not access.is_cooperative_user(user):
        return False
    owned = access.owned_queryset(user, QuoteLine).filter(quote=quote).count()
    return owned > 0 and owned == quote.lines.count()


# --------------------------------------------------------------------------- enquiries
@transaction.atomic
def submit_enquiry(*, nonce, lines, language, **fields):
    """Record an enquiry from the form. ``lines``: (product, quantity, unit) triples.
    The same form sent twice (same nonce) is one enquiry: returns (enquiry, created).
    Products that may not go to the buyer's country are refused (TradeRefused)."""
    existing = Enquiry.objects.filter(form_nonce=nonce).first()
    if existing is not None:
        return existing, False
    if not lines:
        raise TradeRefused(_("Name at least one product."), "no_lines")
    problem = export_problem([product for product, _q, _u in lines], fields["country"])
    if problem:
        raise TradeRefused(problem, "export")
    sellers = {}
    for product, _quantity, _unit in lines:
        sellers[product.pk] = seller_of(product)
        if sellers[product.pk] is None:
            raise TradeRefused(
                _("%(product)s has no seller yet.") % {"product": product.get_title()}, "seller"
            )
    try:
        with transaction.atomic():
            enquiry = Enquiry.objects.create(
                form_nonce=nonce, language=language, status=Enquiry.Status.NEW, **fields
            )
    except IntegrityError:  # the same form racing in another request
        return Enquiry.objects.get(form_nonce=nonce), False
    EnquiryLine.objects.bulk_create(
        EnquiryLine(
            enquiry=enquiry,
            product=product,
            partner=sellers[product.pk],
            quantity=quantity,
            unit=unit,
        )
        for product, quantity, unit in lines
    )
    emails.send_on_commit("received", enquiry)
    emails.notify_sellers_on_commit("new_enquiry", enquiry)
    return enquiry, True


def _locked_enquiry(enquiry):
    return Enquiry.objects.select_for_update().get(pk=enquiry.pk)


def current_quote(enquiry):
    """The latest version shown to the buyer (sent, revision asked or accepted)."""
    return (
        enquiry.quotes.exclude(status=Quote.Status.DRAFT).order_by("-version").first()
        if enquiry.pk
        else None
    )


def draft_of(enquiry):
    return enquiry.quotes.filter(status=Quote.Status.DRAFT).order_by("-version").first()


# --------------------------------------------------------------------------- quotes
@transaction.atomic
def start_quote(enquiry, *, user):
    """A draft answering the enquiry: the next version, its lines copied from the last
    version (so a revision starts from what was quoted). One draft at a time."""
    if not (access.is_staff(user) or access.owns(user, enquiry)):
        raise PermissionDenied
    enquiry = _locked_enquiry(enquiry)
    if enquiry.status in (Enquiry.Status.ACCEPTED, Enquiry.Status.CLOSED):
        raise TradeRefused(_("This enquiry is closed: a quote was accepted."), "closed")
    draft = draft_of(enquiry)
    if draft is not None:
        return draft
    last = enquiry.quotes.order_by("-version").first()
    quote = Quote.objects.create(enquiry=enquiry, version=(last.version + 1) if last else 1)
    previous = {line.enquiry_line_id: line for line in last.lines.all()} if last else {}
    QuoteLine.objects.bulk_create(
        QuoteLine(
            quote=quote,
            enquiry_line=line,
            partner_id=line.partner_id,
            quantity=previous[line.pk].quantity if line.pk in previous else line.quantity,
            unit_price=previous[line.pk].unit_price if line.pk in previous else None,
            minimum_order=previous[line.pk].minimum_order if line.pk in previous else None,
            lot_id=previous[line.pk].lot_id if line.pk in previous else None,
        )
        for line in enquiry.lines.all()
    )
    return quote


def lots_for(quote_line):
    """Packed lots whose document pack may be attached: this product, this seller."""
    from provenance.models import Lot

    line = quote_line.enquiry_line
    return Lot.objects.packed().filter(product_id=line.product_id, cooperative_id=line.partner_id)


@transaction.atomic
def price_line(quote_line, *, user, unit_price, quantity, minimum_order=None, lot=None):
    """The seller (or staff) prices one line of a draft."""
    if not may_answer(user, quote_line):
        raise PermissionDenied
    enquiry = _locked_enquiry(quote_line.quote.enquiry)
    quote_line = QuoteLine.objects.select_related("quote", "enquiry_line__product").get(
        pk=quote_line.pk
    )
    if quote_line.quote.status != Quote.Status.DRAFT:
        raise TradeRefused(_("Only a draft can be changed; start a new version."), "not_draft")
    problem = export_problem([quote_line.enquiry_line.product], enquiry.country)
    if problem:
        raise TradeRefused(problem, "export")
    if unit_price is None or int(unit_price) != unit_price or unit_price < 1:
        raise TradeRefused(_("The price per unit is a whole number of dong."), "price")
    if quantity is None or quantity <= 0:
        raise TradeRefused(_("The quantity must be more than zero."), "quantity")
    if minimum_order is not None and minimum_order > quantity:
        raise TradeRefused(
            _("The quantity quoted is below the minimum order; raise it or lower the minimum."),
            "minimum",
        )
    if lot is not None and not lots_for(quote_line).filter(pk=lot.pk).exists():
        raise TradeRefused(_("That lot is not a packed lot of this product."), "lot")
    quote_line.unit_price = int(unit_price)
    quote_line.quantity = quantity
    quote_line.minimum_order = minimum_order
    quote_line.lot = lot
    quote_line.save(update_fields=["unit_price", "quantity", "minimum_order", "lot"])
    return quote_line


def current_rates():
    """({currency: "rate"}, date of the oldest rate used) from the rates staff keep."""
    rows = list(ExchangeRate.objects.filter(currency__in=pricing.ESTIMATE_CURRENCIES))
    rates = {row.currency: str(row.vnd_per_unit) for row in rows}
    dated = [timezone.localtime(row.updated_at).date() for row in rows]
    return rates, (min(dated) if dated else None)


@transaction.atomic
def send_quote(quote, *, user, valid_until, note="", today=None):
    """Send a draft to the buyer: every line priced, valid from today, the goods may go
    to the buyer's country. Earlier versions are kept, marked replaced."""
    today = today or timezone.localdate()
    if not may_send(user, quote):
        raise PermissionDenied
    enquiry = _locked_enquiry(quote.enquiry)
    quote = Quote.objects.get(pk=quote.pk)
    if quote.status != Quote.Status.DRAFT:
        raise TradeRefused(_("This version was already sent."), "not_draft")
    if enquiry.status in (Enquiry.Status.ACCEPTED, Enquiry.Status.CLOSED):
        raise TradeRefused(_("This enquiry is closed: a quote was accepted."), "closed")
    if valid_until is None or valid_until < today:
        raise TradeRefused(_("The quote must be valid until today or later."), "validity")
    lines = list(quote.lines.select_related("enquiry_line__product"))
    if not lines or any(line.unit_price is None for line in lines):
        raise TradeRefused(_("Price every line before sending the quote."), "unpriced")
    problem = export_problem([line.enquiry_line.product for line in lines], enquiry.country)
    if problem:
        raise TradeRefused(problem, "export")
    rates, rates_date = current_rates()
    quote.status = Quote.Status.SENT
    quote.valid_until = valid_until
    quote.note = note
    quote.rates = rates
    quote.rates_date = rates_date
    quote.sent_at = timezone.now()
    quote.sent_by = user if getattr(user, "pk", None) else None
    quote.save()
    enquiry.quotes.filter(version__lt=quote.version).exclude(status=Quote.Status.SUPERSEDED).update(
        status=Quote.Status.SUPERSEDED
    )
    enquiry.status = Enquiry.Status.QUOTED
    enquiry.save(update_fields=["status"])
    emails.send_on_commit("quoted", enquiry, quote.pk)
    return quote


def quote_total(quote):
    return pricing.total((line.unit_price, line.quantity) for line in quote.lines.all())


def quote_estimates(quote):
    return pricing.estimates(quote_total(quote), quote.rates or {})


def _buyers_quote(enquiry, quote):
    quote = Quote.objects.get(pk=quote.pk, enquiry=enquiry)
    if quote.status == Quote.Status.ACCEPTED:
        return quote
    latest = current_quote(enquiry)
    if quote.status != Quote.Status.SENT or latest is None or latest.pk != quote.pk:
        raise TradeRefused(
            _("This version of the quote has been replaced; see the latest one."), "stale"
        )
    return quote


@transaction.atomic
def request_revision(enquiry, quote, *, message):
    """The buyer asks for another version (the sellers are told)."""
    message = (message or "").strip()
    if not message:
        raise TradeRefused(_("Say what you would like changed."), "empty")
    enquiry = _locked_enquiry(enquiry)
    quote = _buyers_quote(enquiry, quote)
    if quote.status == Quote.Status.ACCEPTED:
        raise TradeRefused(_("This quote is accepted already."), "accepted")
    quote.status = Quote.Status.REVISION
    quote.revision_request = message[:5000]
    quote.answered_at = timezone.now()
    quote.save(update_fields=["status", "revision_request", "answered_at"])
    enquiry.status = Enquiry.Status.REVISION
    enquiry.save(update_fields=["status"])
    emails.notify_sellers_on_commit("revision", enquiry)
    return quote


@transaction.atomic
def accept_quote(enquiry, quote, *, today=None):
    """The buyer accepts the latest version before it expires: it becomes an order to
    pay by bank transfer (VietQR in Vietnam, SWIFT with a proforma invoice abroad).
    Accepting twice returns the same order."""
    today = today or timezone.localdate()
    enquiry = _locked_enquiry(enquiry)
    quote = _buyers_quote(enquiry, quote)
    if quote.status == Quote.Status.ACCEPTED:
        return quote.order
    if quote.is_expired(today):
        raise TradeRefused(
            _("This quote expired on %(date)s: ask for a new version.")
            % {"date": quote.valid_until.strftime("%d/%m/%Y") if quote.valid_until else "—"},
            "expired",
        )
    lines = list(quote.lines.select_related("enquiry_line__product"))
    problem = export_problem([line.enquiry_line.product for line in lines], enquiry.country)
    if problem:
        raise TradeRefused(problem, "export")
    amount = quote_total(quote)
    if not amount:
        raise TradeRefused(_("This quote has no amount to pay."), "unpriced")
    method = Method.VIETQR if enquiry.is_domestic else Method.INTL_TRANSFER
    for _attempt in range(5):
        number = new_order_number()
        if not TradeOrder.objects.filter(number=number).exists():
            break
    order = TradeOrder.objects.create(quote=quote, number=number, amount=amount, method=method)
    window = datetime.timedelta(
        days=settings.INTL_TRANSFER_WINDOW_DAYS if method == Method.INTL_TRANSFER else 0,
        hours=0 if method == Method.INTL_TRANSFER else settings.TRADE_VIETQR_WINDOW_HOURS,
    )
    payment_services.create_payment(
        purpose=PAYMENT_PURPOSE,
        reference=order.number,
        amount=amount,
        method=method,
        expires_at=timezone.now() + window,
    )
    quote.status = Quote.Status.ACCEPTED
    quote.answered_at = timezone.now()
    quote.save(update_fields=["status", "answered_at"])
    enquiry.status = Enquiry.Status.ACCEPTED
    enquiry.save(update_fields=["status"])
    emails.send_on_commit("accepted", enquiry, quote.pk)
    emails.notify_sellers_on_commit("accepted", enquiry)
    return order


def open_payment(order):
    return (
        payment_services.payments_for(PAYMENT_PURPOSE, order.number).order_by("-pk").first()
        if order
        else None
    )


# --------------------------------------------------------------------------- payments
def order_paid(payment):
    """payments.registry: the transfer arrived (inside the payment's transaction)."""
    order = TradeOrder.objects.select_for_update().filter(number=payment.reference).first()
    if order is None or order.status == TradeOrder.Status.PAID:
        return
    if order.status == TradeOrder.Status.CANCELLED:
        payment_services.flag_for_attention(
            payment, note=f"wholesale order {order.number} was cancelled: refund"
        )
        return
    order.status = TradeOrder.Status.PAID
    order.paid_at = timezone.now()
    order.save(update_fields=["status", "paid_at"])
    emails.notify_sellers_on_commit("paid", order.quote.enquiry)


def order_payment_cancelled(payment):
    TradeOrder.objects.filter(
        number=payment.reference, status=TradeOrder.Status.AWAITING_PAYMENT
    ).update(status=TradeOrder.Status.CANCELLED)
