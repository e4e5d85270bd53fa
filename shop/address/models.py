from oscar.apps.address.abstract_models import AbstractAddress

# Vietnam has used 5-digit postcodes since 2018; Oscar's table still expects 6.
# The dict is shared by every address model (user, shipping, billing, partner).
AbstractAddress.POSTCODES_REGEX = {**AbstractAddress.POSTCODES_REGEX, "VN": r"^[0-9]{5}$"}

from oscar.apps.address.models import *  # noqa: E402
