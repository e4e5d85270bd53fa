"""Wagtail admin strings our editors see whose Vietnamese we supply in
locale/vi/LC_MESSAGES/django.po (Wagtail's own Vietnamese catalogue translates about
one string in thirty: the menu, the dashboard and the page editor's buttons were
English on a Vietnamese admin).

Never called: listing them here keeps ``make messages`` (--no-obsolete) from dropping
the overrides. Our catalogue comes first (LOCALE_PATHS), so these win over Wagtail's."""

from django.utils.translation import gettext_noop

STRINGS = [
    # Sidebar menu and account
    gettext_noop("Images"),
    gettext_noop("Documents"),
    gettext_noop("Snippets"),
    gettext_noop("Reports"),
    gettext_noop("Help"),
    gettext_noop("Settings"),
    gettext_noop("Sites"),
    gettext_noop("Locales"),
    gettext_noop("Redirects"),
    gettext_noop("Collections"),
    gettext_noop("Workflows"),
    gettext_noop("Log out"),
    gettext_noop("Your account"),
    gettext_noop("Profile"),
    gettext_noop("Preferences"),
    # Dashboard
    gettext_noop("Welcome to the %(site_name)s Wagtail CMS"),
    gettext_noop("Your most recent edits"),
    gettext_noop("Aging pages"),
    gettext_noop("Locked pages"),
    gettext_noop("Workflow tasks"),
    gettext_noop("Site history"),
    gettext_noop("Page types usage"),
    # Page listing and editor
    gettext_noop("Add child page"),
    gettext_noop("Sort menu order"),
    gettext_noop("Save draft"),
    gettext_noop("Sync translated pages"),
    gettext_noop("Promote"),
    gettext_noop("Move"),
    gettext_noop("History"),
    gettext_noop("Live"),
    gettext_noop("Updated"),
    gettext_noop("Type"),
    gettext_noop("Actions"),
    gettext_noop("More"),
    # Page listing, editor, images, account (as they appear)
    gettext_noop("Site summary"),
    gettext_noop("Search all pages…"),
    gettext_noop("Search…"),
    gettext_noop("Show filters"),
    gettext_noop("Filter by"),
    gettext_noop("Back"),
    gettext_noop("Bulk actions"),
    gettext_noop("View history"),
    gettext_noop("Visible to all"),
    gettext_noop("Change privacy"),
    gettext_noop("First published"),
    gettext_noop("Add an image"),
    gettext_noop("Visit the live page"),
    gettext_noop("Current page status:"),
    gettext_noop("More actions"),
    gettext_noop("Page title"),
    gettext_noop("For search engines"),
    gettext_noop("For site menus"),
    gettext_noop("Preview in new tab"),
    gettext_noop("Edit this image"),
    gettext_noop("Page type"),
    gettext_noop("Edited by"),
    gettext_noop("Toggle status"),
    gettext_noop("Move selected pages"),
    gettext_noop("Delete selected pages"),
    gettext_noop("Publish selected pages"),
    gettext_noop("Unpublish selected pages"),
    gettext_noop("Not visible to the public"),
    gettext_noop("Once live anyone can view"),
    gettext_noop("Issues found"),
    gettext_noop("Edit account avatar"),
    gettext_noop("Name and Email"),
    gettext_noop("Profile picture"),
    gettext_noop("More options for '%(title)s'"),
    gettext_noop("Add a child page to '%(title)s'"),
    gettext_noop("Explore child pages of '%(title)s'"),
    gettext_noop("Has child pages"),
    gettext_noop("Go to the first error"),
    gettext_noop("Preview is out of date"),
    gettext_noop("Add tags to the selected images"),
    gettext_noop("Delete selected images"),
    gettext_noop("Add selected images to collection"),
    # The page edit screen of our page types (polish-15)
    gettext_noop("Actions (footer)"),
    gettext_noop("Anyone can edit this %(model_name)s – lock it to prevent others from editing"),
    gettext_noop("Anyone can edit this %(model_name)s"),
    gettext_noop("Available in %(translations_total)s locales"),
    gettext_noop("No other translations"),
    gettext_noop("Locale: "),
    gettext_noop("Locking: "),
    gettext_noop("Unlocked"),
    gettext_noop("Choose another page"),
    gettext_noop("Correct the validation errors to resume preview (saving will highlight errors)"),
    gettext_noop("just now"),
    gettext_noop("meta description"),
    gettext_noop("title tag"),
    gettext_noop("Page visibility: "),
    gettext_noop("Private. Visit the live page"),
    gettext_noop("show in menus"),
    gettext_noop("Status: "),
    gettext_noop("The descriptive text displayed underneath a headline in search engine results."),
    gettext_noop(
        "The name of the page as it will appear in URLs e.g http://domain.com/blog/[my-slug]/"
    ),
    gettext_noop(
        "The name of the page displayed on search engine results as the clickable headline."
    ),
    gettext_noop("The page title as you'd like it to be seen by the public"),
    gettext_noop("This data explained"),
    gettext_noop("Visible to all. Visit the live page"),
    gettext_noop("Whether a link to this page will appear in automatically generated menus"),
    gettext_noop("A comma-separated list of tags."),
    gettext_noop(
        'Multi-word tags with spaces will automatically be enclosed in double quotes (").'
    ),
    gettext_noop("Actions"),  # the header's actions (Wagtail wrote it untranslated)
    gettext_noop("page"),  # Page's verbose name, in "Anyone can edit this page"
]
