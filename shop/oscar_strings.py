"""django-oscar strings our pages show whose Vietnamese we supply in
locale/vi/LC_MESSAGES/django.po (missing or wrong in Oscar's own catalogue).

Never called: listing them here keeps ``make messages`` (--no-obsolete) from dropping
the overrides. Order statuses are stored in English and shown translated."""

from django.utils.translation import gettext_noop, ngettext, pgettext_lazy

STRINGS = [
    gettext_noop(
        "Available stock is only %(max)d, which has been exceeded because multiple lines contain the same product."
    ),
    gettext_noop("'%(product)s' is no longer available"),
    gettext_noop("'%(title)s' is no longer available"),
    gettext_noop(
        "'%(title)s' is no longer available to buy (%(reason)s). Please adjust your basket to continue"
    ),
    gettext_noop("Your basket has got some issues. Please correct any validation errors below."),
    gettext_noop("Long description"),
    gettext_noop("Meta title"),
    gettext_noop("Meta description"),
    gettext_noop("Exclude from menu"),
    gettext_noop("Exclude this category from the menu."),
    gettext_noop("Show this category in search results and catalogue listings."),
    gettext_noop("The highest priority products are shown first"),
    gettext_noop(
        "Code can be used to store a secondary unique identifier, when upc isn't sufficient"
    ),
    gettext_noop("Yes"),
    gettext_noop("No"),
    gettext_noop("Unique identifier"),
    gettext_noop("Select"),
    gettext_noop("Submit"),
    gettext_noop("Help text"),
    gettext_noop("A problem occurred while placing this order. Please contact customer services."),
    gettext_noop("Order not found"),
    gettext_noop("Leave blank to generate from category name"),
    gettext_noop("Leave blank to generate from product title"),
    gettext_noop("Select at least one product."),
    gettext_noop("New price"),
    gettext_noop("Set price to a specific amount."),
    gettext_noop("Increase by amount"),
    gettext_noop(
        "Adds a fixed amount to each product's current price. Use a negative value to decrease. E.g. 2.00 raises €10.00 to €12.00; -3.00 lowers it to €7.00. Prices will not go below €0.00."
    ),
    gettext_noop("Increase by percentage"),
    gettext_noop(
        "Adds a percentage of each product's current price. Use a negative value to decrease. E.g. 10 raises €10.00 to €11.00; -10 lowers it to €9.00. Prices will not go below €0.00."
    ),
    gettext_noop(
        "Select the partners whose stockrecords should be updated. Only stockrecords belonging to the selected partners will be changed."
    ),
    gettext_noop(
        "Only one of new price, increase by amount, or increase by percentage can be set at a time."
    ),
    gettext_noop(
        "Enter at least one specific price, or set a base price above. Products without a specific price will be skipped."
    ),
    gettext_noop("Old Status"),
    gettext_noop("New Status"),
    gettext_noop("Order Status Change"),
    gettext_noop("Order Status Changes"),
    gettext_noop("%(order)s has changed status from %(old_status)s to %(new_status)s"),
    gettext_noop("Order discount"),
    gettext_noop("Surcharge (inc. tax)"),
    gettext_noop("Surcharge (excl. tax)"),
    gettext_noop("Surcharge"),
    gettext_noop("Surcharges"),
    gettext_noop("You must be logged in to view the wish list"),
    gettext_noop("\n        Your basket total is now <strong>%(total)s</strong>\n        "),
    gettext_noop("Edit this category"),
    gettext_noop("Variants:"),
    gettext_noop(
        "\n                                        Add to '%(name)s' wish list\n                                    "
    ),
    gettext_noop(
        '\n                    <span class="float-left">Product is in <a href="%(url)s">\'%(name)s\'</a> wishlist.</span>\n                '
    ),
    gettext_noop("Enter the following information you used for this order"),
    gettext_noop("Re-ordering..."),
    gettext_noop("Re-order"),
    gettext_noop("Re-order all items"),
    gettext_noop("Share wishlist"),
    gettext_noop(
        "If you want to share your wishlist with others, you can add their email addresses below. The visibility must be set to shared in order for this to work."
    ),
    gettext_noop("Copy sharing link"),
    gettext_noop("Search engine optimisation"),
    gettext_noop("Confirm variant action"),
    gettext_noop("Confirm action"),
    gettext_noop("Action parameters"),
    gettext_noop("Select all visible standalones"),
    gettext_noop("Select all standalones"),
    gettext_noop("All %(count)s selected."),
    gettext_noop("Select all %(count)s standalones"),
    gettext_noop("Select all visible parents"),
    gettext_noop("Select all parents"),
    gettext_noop("Select all %(count)s parents"),
    gettext_noop("Select all visible variants"),
    gettext_noop("Select all variants"),
    gettext_noop("Select all %(count)s variants"),
    gettext_noop("Stockrecords"),
    gettext_noop("Currently public"),
    gettext_noop("variants"),
    gettext_noop("Select / deselect all variants"),
    gettext_noop("No products."),
    gettext_noop(
        'And %(count)s more product(s) not shown. Use "Select all" above to include them.'
    ),
    gettext_noop(
        "This action will update <strong>all existing stockrecords</strong> of each selected product within the selected partners."
    ),
    gettext_noop("Lowest current price"),
    gettext_noop("Specific price"),
    gettext_noop("This will also delete the following variants:"),
    gettext_noop("choose action"),
    gettext_noop("Processing..."),
    gettext_noop(
        "Drag images to re-order them. Space for additional images will appear when images are added."
    ),
    gettext_noop("Please save the product before trying to add variants."),
    gettext_noop("Offers, vouchers"),
    gettext_noop(
        '<span class="selected-records">0</span> of <span class="page-records-count">%(count)s</span> selected'
    ),
    gettext_noop("All %(count)s selected"),
    gettext_noop("Click here to select the objects across all pages"),
    gettext_noop(
        "\n                            Select all %(count)s %(module)s\n                        "
    ),
    gettext_noop("Clear selection"),
    gettext_noop(
        "\n                        Page %(page_num)s of %(total_pages)s\n                    "
    ),
    gettext_noop("\n                        Total: %(total)s\n                    "),
    gettext_noop("Make products public"),
    gettext_noop("Make products non-public"),
    gettext_noop("Update product prices"),
    gettext_noop("Close"),
    gettext_noop("This is not a valid local or international phone format."),
    gettext_noop(
        "Please make a note of this reference or print this page and quote it in any communication with us regarding your order."
    ),
    gettext_noop("Your submitted data was not valid - please correct the errors below"),
    gettext_noop("I am a new customer and want to create an account before checking out"),
    gettext_noop("a maximum of %(max)d can be bought"),
    gettext_noop("In stock (%d available)"),
    gettext_noop("Fulfilment"),
    gettext_noop("Cancelled"),
    gettext_noop("Complete"),
    gettext_noop("Order total (inc. tax)"),
    gettext_noop("Shipping charge (inc. tax)"),
    gettext_noop("Price (incl. tax)"),
    gettext_noop("Price incl. Tax"),
    gettext_noop("Total inc tax"),
    gettext_noop("Total incl. tax"),
    gettext_noop("Unit Price (inc. tax)"),
    gettext_noop("Shiping (inc. tax)"),
    gettext_noop("Basket total (inc. tax)"),
    gettext_noop("Basket total (inc. discounts)"),
    gettext_noop("Shipping total (inc. discounts)"),
    gettext_noop("Price (inc. tax)"),
    gettext_noop("Price before discounts (inc. tax)"),
    gettext_noop("Line price incl. tax"),
    gettext_noop("Pending payment"),
    gettext_noop("Processing"),
    gettext_noop("Paid"),
    gettext_noop("Shipped"),
    # The Django admin (polish-15): Django's Vietnamese is missing or wrong for these
    gettext_noop("Models in the %(name)s application"),
    gettext_noop("Select this object for an action"),
    # Django 5.2's checkbox label (django.contrib.admin.options.action_checkbox).
    gettext_noop("Select this object for an action - {}"),
    gettext_noop("Select all objects on this page for an action"),
    gettext_noop("Run the selected action"),
    gettext_noop("Site administration"),
    gettext_noop("Date placed"),
    gettext_noop("Email address"),
    gettext_noop("Cancel"),
]


def _plurals():  # pragma: no cover - for makemessages only
    ngettext(
        "We have merged %(num_items_merged)d item from a previous session to your basket.",
        "We have merged %(num_items_merged)d items from a previous session to your basket.",
        1,
    )
    ngettext(
        "\n                    <strong>%(num_results)s</strong> result - showing <strong>%(start)s</strong> to <strong>%(end)s</strong>.\n                ",
        "\n                    <strong>%(num_results)s</strong> results - showing <strong>%(start)s</strong> to <strong>%(end)s</strong>.\n                ",
        1,
    )
    ngettext(
        "\n                    <strong>%(num_results)s</strong> result.\n                ",
        "\n                    <strong>%(num_results)s</strong> results.\n                ",
        1,
    )
    ngettext(
        "\n                    Found <strong>%(num_results)s</strong> result.\n                ",
        "\n                    Found <strong>%(num_results)s</strong> results.\n                ",
        1,
    )
    ngettext("%s Category", "%s Categories", 1)
    pgettext_lazy("Change the sequence order", "Re-order")
    pgettext_lazy("Buy again", "Re-order")
    pgettext_lazy("Buy again", "Re-order all items")
    pgettext_lazy("Buy again", "Re-ordering...")
