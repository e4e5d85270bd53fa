from django import template

from cooperatives.models import Profile

register = template.Library()


@register.inclusion_tag("cooperatives/partials/sellers.html")
def product_sellers(product):
    """Links to the public profiles of the cooperatives that sell ``product`` (one query)."""
    profiles = (
        Profile.objects.filter(is_public=True, cooperative__partner__stockrecords__product=product)
        .select_related("cooperative")
        .distinct()
    )
    return {"profiles": list(profiles)}
