"""The buyer's pages: the enquiry form, and the enquiry's page behind a signed link
(quotes, revision, acceptance, how to pay). Thin: parse, call services, render."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from oscar.core.loading import get_model

from shop.catalogue import destinations
from trade import links, services, spam
from trade.forms import EnquiryForm, LineFormSet, RevisionForm, quotable_products
from trade.models import Enquiry, Quote

Product = get_model("catalogue", "Product")


def _initial_lines(request):
    """?product=<id> or ?cooperative=<slug>: the form opens with those products."""
    products = quotable_products()
    chosen = []
    product_id = request.GET.get("product", "")
    if product_id.isdigit():
        chosen = list(products.filter(pk=int(product_id))[:1])
    slug = request.GET.get("cooperative", "")
    if slug and not chosen:
        chosen = list(
            products.filter(
                stockrecords__partner__cooperative__profile__slug=slug,
                stockrecords__partner__cooperative__profile__is_public=True,
            )[:3]
        )
    return [{"product": p.pk, "unit": "kg"} for p in chosen]


@require_http_methods(["GET", "HEAD", "POST"])
def enquiry_form(request):
    """ "Buy wholesale / export": the request for a quote."""
    status = 200
    if request.method == "POST":
        form = EnquiryForm(request.POST)
        lines = LineFormSet(request.POST, prefix="lines")
        if spam.limited(request):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Too many enquiries have come from your connection in the last hour. "
                    "Please try again later, or write to us."
                ),
            )
            status = 429
        elif request.POST.get("website"):
            return _refused(request, form, lines)
        elif form.is_valid() and lines.is_valid():
            try:
                nonce = spam.read_form_token(form.cleaned_data["form_token"])
            except spam.TokenProblem as problem:
                if problem.kind == "bad":
                    return _refused(request, form, lines)
                form.add_error(
                    None,
                    _("Please check the form and send it again.")
                    if problem.kind == "stale"
                    else _("That was quick: please check the form and send it again."),
                )
                form.data = form.data.copy()
                form.data["form_token"] = spam.new_form_token()
                status = 400
            else:
                data = dict(form.cleaned_data)
                for key in ("website", "form_token"):
                    data.pop(key)
                try:
                    enquiry, created = services.submit_enquiry(
                        nonce=nonce,
                        lines=lines.lines(),
                        language=translation.get_language() or settings.LANGUAGE_CODE,
                        **data,
                    )
                except services.TradeRefused as exc:
                    form.add_error(None, exc.message)
                    status = 400
                else:
                    if created:
                        spam.count_sent(request)
                    request.session["trade_sent"] = enquiry.reference
                    return redirect("trade:sent")
        else:
            status = 400
    else:
        form = EnquiryForm(initial={"form_token": spam.new_form_token()})
        lines = LineFormSet(prefix="lines", initial=_initial_lines(request))
    return render(request, "trade/enquiry_form.html", {"form": form, "lines": lines}, status=status)


def _refused(request, form, lines):
    form.add_error(None, _("Your enquiry could not be accepted. Please write to us by e-mail."))
    return render(request, "trade/enquiry_form.html", {"form": form, "lines": lines}, status=400)


@require_safe
def enquiry_sent(request):
    reference = request.session.get("trade_sent", "")
    return render(request, "trade/enquiry_sent.html", {"reference": reference})


def _enquiry_for(token):
    reference = links.reference_from_token(token)
    if not reference:
        raise Http404
    return get_object_or_404(Enquiry, reference=reference)


def enquiry_context(enquiry, token):
    quote = services.current_quote(enquiry)
    versions = list(
        enquiry.quotes.exclude(status=Quote.Status.DRAFT)
        .order_by("-version")
        .prefetch_related("lines__enquiry_line__product", "lines__lot")
    )
    order = getattr(quote, "order", None) if quote else None
    return {
        "enquiry": enquiry,
        "country_name": destinations.country_name(enquiry.country),
        "token": token,
        "lines": list(enquiry.lines.select_related("product", "partner")),
        "quote": quote,
        "versions": versions,
        "total": services.quote_total(quote) if quote else None,
        "estimates": services.quote_estimates(quote) if quote else {},
        "expired": bool(quote and quote.status == Quote.Status.SENT and quote.is_expired()),
        "order": order,
        "payment": services.open_payment(order) if order else None,
        "proforma_path": links.enquiry_path(
            enquiry, translation.get_language(), name="trade:proforma"
        )
        if order
        else "",
    }


@require_http_methods(["GET", "HEAD", "POST"])
def enquiry_detail(request, token):
    enquiry = _enquiry_for(token)
    revision_form = RevisionForm()
    status = 200
    if request.method == "POST":
        quote = get_object_or_404(
            Quote.objects.exclude(status=Quote.Status.DRAFT),
            enquiry=enquiry,
            pk=request.POST.get("quote") if str(request.POST.get("quote", "")).isdigit() else 0,
        )
        action = request.POST.get("action")
        try:
            if action == "accept":
                services.accept_quote(enquiry, quote)
                messages.success(
                    request, _("Thank you: the quote is accepted. How to pay is below.")
                )
                return redirect(request.path)
            if action == "revise":
                revision_form = RevisionForm(request.POST)
                if revision_form.is_valid():
                    services.request_revision(
                        enquiry, quote, message=revision_form.cleaned_data["message"]
                    )
                    messages.success(
                        request, _("Your request is sent: we will e-mail you the new version.")
                    )
                    return redirect(request.path)
                status = 400
            else:
                status = 400
        except services.TradeRefused as exc:
            messages.error(request, exc.message)
            status = 409 if exc.code in ("expired", "stale", "accepted") else 400
        enquiry.refresh_from_db()
    context = enquiry_context(enquiry, token)
    context["revision_form"] = revision_form
    return render(request, "trade/enquiry.html", context, status=status)


@require_safe
def proforma(request, token):
    """A printable proforma invoice for an accepted quote paid from abroad."""
    from payments import intl_transfer
    from payments.models import Method

    enquiry = _enquiry_for(token)
    context = enquiry_context(enquiry, token)
    payment = context["payment"]
    if payment is None or payment.method != Method.INTL_TRANSFER:
        raise Http404
    context.update(
        details=intl_transfer.details(payment),
        seller_name=settings.INTL_ACCOUNT_NAME,
        seller_address=settings.INTL_ACCOUNT_ADDRESS,
        back_path=links.enquiry_path(enquiry, translation.get_language()),
    )
    return render(request, "trade/proforma.html", context)
