"""Readers and their bookmarks, built as the site builds them."""

from django.contrib.auth.models import Group

from accounts.states import VERIFIED_PROFESSIONALS_GROUP


def colleague(django_user_model, email="cem@example.org", first_name="Cem"):
    """A second verified reader."""
    user = django_user_model.objects.create_user(email, email, "a-long-test-password", first_name=first_name)
    user.groups.add(Group.objects.get(name=VERIFIED_PROFESSIONALS_GROUP))
    return user


def bookmark_form_action(html):
    """What the article's bookmark button would do: "add", "remove", or None when there is no button."""
    if 'class="bookmark-form"' not in html:
        return None
    form = html.split('class="bookmark-form"', 1)[1].split("</form>", 1)[0]
    return "remove" if 'name="action" value="remove"' in form else "add"
