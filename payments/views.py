import logging

from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from payments import services, stripe_gateway

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    if not stripe_gateway.is_configured():
        return HttpResponse("card payments are not configured", status=503)
    try:
        outcome = services.handle_stripe_webhook(
            request.body, request.headers.get("Stripe-Signature", "")
        )
    except services.WebhookRejected as exc:
        logger.warning("Stripe webhook rejected: %s", exc)
        return HttpResponseBadRequest("bad signature")
    return HttpResponse(outcome, content_type="text/plain")
