"""The sellers' pages in the dashboard: enquiries that name their products and the
quotes answering them. Staff see every line; a cooperative only its own lines, through
the one ownership rule (cooperatives.access). Thin: parse, call services, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cooperatives import access
from trade import services
from trade.forms import PriceLineForm, SendQuoteForm
from trade.models import Enquiry, EnquiryLine, Quote, QuoteLine


def _sellers_only(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        user = request.user
        if not (access.is_staff(user) or access.is_cooperative_user(user)):
            raise Http404
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@_sellers_only
def enquiry_list(request):
    enquiries = access.owned_queryset(request.user, Enquiry).order_by("-created_at", "-pk")[:200]
    return render(request, "trade/dashboard/index.html", {"enquiries": enquiries})


@_sellers_only
@require_http_methods(["GET", "HEAD", "POST"])
def enquiry_detail(request, pk):
    user = request.user
    enquiry = access.get_owned_or_404(user, Enquiry, pk=pk)
    status = 200
    forms_by_line = {}
    send_form = SendQuoteForm(prefix="send")
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "start":
                services.start_quote(enquiry, user=user)
                messages.success(request, _("A new version is started: price your lines."))
                return redirect(request.path)
            if action == "price":
                line_id = request.POST.get("line", "")
                line = access.get_owned_or_404(
                    user,
                    QuoteLine.objects.filter(quote__enquiry=enquiry),
                    pk=int(line_id) if line_id.isdigit() else 0,
                )
                form = PriceLineForm(
                    request.POST, prefix=f"line-{line.pk}", lots=services.lots_for(line)
                )
                if form.is_valid():
                    services.price_line(line, user=user, **form.cleaned_data)
                    messages.success(request, _("Line priced."))
                    return redirect(request.path)
                forms_by_line[line.pk] = form
                status = 400
            elif action == "send":
                draft = services.draft_of(enquiry)
                if draft is None:
                    raise Http404
                send_form = SendQuoteForm(request.POST, prefix="send")
                if send_form.is_valid():
                    services.send_quote(draft, user=user, **send_form.cleaned_data)
                    messages.success(request, _("The quote is sent to the buyer."))
                    return redirect(request.path)
                status = 400
            else:
                status = 400
        except services.TradeRefused as exc:
            messages.error(request, exc.message)
            status = 409
        except PermissionDenied as exc:
            raise Http404 from exc
    own_lines = access.owned_queryset(user, EnquiryLine).filter(enquiry=enquiry)
    draft = services.draft_of(enquiry)
    draft_lines = []
    if draft is not None:
        for line in (
            access.owned_queryset(user, QuoteLine)
            .filter(quote=draft)
            .select_related("enquiry_line__product", "lot")
        ):
            form = forms_by_line.get(line.pk) or PriceLineForm(
                prefix=f"line-{line.pk}",
                lots=services.lots_for(line),
                initial={
                    "unit_price": line.unit_price,
                    "quantity": line.quantity,
                    "minimum_order": line.minimum_order,
                    "lot": line.lot_id,
                },
            )
            draft_lines.append({"line": line, "form": form})
    versions = []
    for quote in enquiry.quotes.exclude(status=Quote.Status.DRAFT).order_by("-version"):
        versions.append(
            {
                "quote": quote,
                "lines": access.owned_queryset(user, QuoteLine)
                .filter(quote=quote)
                .select_related("enquiry_line__product"),
            }
        )
    context = {
        "enquiry": enquiry,
        "lines": own_lines.select_related("product"),
        "draft": draft,
        "draft_lines": draft_lines,
        "may_send": draft is not None and services.may_send(user, draft),
        "send_form": send_form,
        "versions": versions,
        "closed": enquiry.status in (Enquiry.Status.ACCEPTED, Enquiry.Status.CLOSED),
    }
    return render(request, "trade/dashboard/enquiry.html", context, status=status)
