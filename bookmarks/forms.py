from django import forms
from django.utils.translation import gettext_lazy as _

from bookmarks.models import COLLECTION_NAME_MAX, Collection

# Page ids are 32-bit integers (PostgreSQL's serial).
MAX_ID = 2**31 - 1


class CollectionForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the collection"),
        max_length=COLLECTION_NAME_MAX,
        error_messages={
            "required": _("Please enter a name for the collection."),
            "max_length": _("A collection name can have at most %(limit_value)d characters (it has %(show_value)d)."),
        },
    )


class ReadersCollectionField(forms.ModelChoiceField):
    """One of the reader's own collections; another reader's id is refused as unknown."""

    def __init__(self, reader, **kwargs):
        super().__init__(
            queryset=Collection.objects.filter(reader=reader),
            required=False,
            label=_("Collection"),
            empty_label=_("No collection"),
            error_messages={"invalid_choice": _("There is no such collection.")},
            **kwargs,
        )


class ArticleBookmarkForm(forms.Form):
    """Bookmark or un-bookmark an article from its page or from search results."""

    article = forms.IntegerField(min_value=1, max_value=MAX_ID, error_messages={"required": _("Which article?")})
    action = forms.ChoiceField(choices=[("add", "add"), ("remove", "remove")])
    next = forms.CharField(required=False, max_length=2000)

    def __init__(self, reader, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collection"] = ReadersCollectionField(reader)


class BookmarkEditForm(forms.Form):
    """Move a bookmark to another collection, or remove it, from the list."""

    action = forms.ChoiceField(choices=[("move", "move"), ("remove", "remove")])

    def __init__(self, reader, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collection"] = ReadersCollectionField(reader)
