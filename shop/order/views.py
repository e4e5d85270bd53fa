"""One page per order: the account's order links open the order's page (the one the
thank-you page and every e-mail open), for its owner only."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from oscar.core.loading import get_model

from shop.order import links

Order = get_model("order", "Order")


@login_required
def account_order(request, order_number):
    """Oscar's account order page, replaced: the signed-in owner goes to the order's
    page; anybody else's order number is a 404 (not a hint that it exists)."""
    order = get_object_or_404(Order, user=request.user, number=order_number)
    return redirect(links.status_path(order, request.LANGUAGE_CODE))


def guest_order(request, order_number, hash):
    """Oscar's old guest link (order number and verification hash): the order's page if
    the hash matches, else a 404."""
    order = Order.objects.filter(number=order_number).first()
    if order is None or not order.check_verification_hash(hash):
        raise Http404
    return redirect(links.status_path(order, request.LANGUAGE_CODE))
