"""People of the review workflow: an author and two medical reviewers, each with an account and a profile."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.users.models import UserProfile

from accounts.tests.second_factor import log_in_with_second_factor
from articles.models import ArticleAuthor, ArticlePage
from articles.tests.helpers import make_article
from people.models import Person
from translation.tests.test_manual import edit_form

PASSWORD = "a-long-test-password"


def make_member(django_user_model, email, group, name):
    user = django_user_model.objects.create_user(email, email, PASSWORD, first_name=name, last_name="Test")
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    Person.objects.create(
        name=f"{name} Test",
        degree="Dr. med.",
        disclosure_de="Keine angegeben",
        disclosure_en="None declared",
        user=user,
    )
    return user


@pytest.fixture
def author(django_user_model):
    return make_member(django_user_model, "author@example.org", "Authors", "Anna")


@pytest.fixture
def reviewer(django_user_model):
    return make_member(django_user_model, "reviewer@example.org", "Medical reviewers", "Rita")


@pytest.fixture
def second_reviewer(django_user_model):
    return make_member(django_user_model, "second.reviewer@example.org", "Medical reviewers", "Sam")


def admin(user):
    return log_in_with_second_factor(Client(), user)


@pytest.fixture
def article(author):
    """A published article whose author is ``author``."""
    page = make_article("Reviewed article", n=2, lang="en")
    page.authors = [ArticleAuthor(person=author.person)]
    page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


def submit(client, page, text="A corrected sentence."):
    """Save a change to ``page`` in the admin and submit it for review, as an author does."""
    page = ArticlePage.objects.get(pk=page.pk)
    form = edit_form(page, [f"<p>{text}</p>", None], page.title, page.slug)
    form.pop("action-publish")
    form["action-submit"] = "submit"
    return client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), form)


def publish(client, page, text="Published directly."):
    page = ArticlePage.objects.get(pk=page.pk)
    form = edit_form(page, [f"<p>{text}</p>", None], page.title, page.slug)
    return client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), form)


def approve(client, page):
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    return client.post(url, {"comment": ""})
