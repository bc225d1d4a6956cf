"""Authentication backends: Django's and allauth's, with a cheaper per-request user lookup.

Every request of a logged-in reader loads the user row named in the session. On a
cached article view that lookup was a third of the server time, almost all of it
spent building the same ORM query again. Here the SQL is built once per process
and the row turned into a user exactly as the ORM does; which users are accepted
(``user_can_authenticate``: active ones) is unchanged.
"""

import functools
import weakref

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import backends, get_user_model
from django.core.exceptions import ValidationError
from django.db import connections, router


@functools.cache
def _user_query(alias):
    """``(sql, columns)`` of ``SELECT <every column> FROM <user table> WHERE pk = %s`` on ``alias``."""
    User = get_user_model()
    compiler = User._default_manager.using(alias).filter(pk=0).order_by().query.get_compiler(alias)
    sql, params = compiler.as_sql()
    # The one parameter is the primary key; everything else is fixed for the process.
    assert list(params) == [0], params
    return sql, [column for column, _, _ in compiler.select]


def load_user(user_id):
    """The user with primary key ``user_id``, or None; one precompiled query."""
    User = get_user_model()
    try:
        user_id = User._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    if user_id is None:
        return None
    alias = router.db_for_read(User)
    sql, columns = _user_query(alias)
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id])
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row)
    for i, converters in _converters(connection, columns):
        for convert in converters:
            values[i] = convert(values[i], columns[i], connection)
    return User.from_db(alias, [column.target.attname for column in columns], values)


_converters_by_connection = weakref.WeakKeyDictionary()


def _converters(connection, columns):
    """The database's own value conversions (time zones on SQLite, for example), as the ORM applies them."""
    converters = _converters_by_connection.get(connection)
    if converters is None:
        converters = _converters_by_connection[connection] = [
            (i, found) for i, column in enumerate(columns) if (found := connection.ops.get_db_converters(column) + column.get_db_converters(connection))
        ]
    return converters


class FastUserLookup:
    def get_user(self, user_id):
        user = load_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(FastUserLookup, backends.ModelBackend):
    """Django's backend (admin login)."""


class AuthenticationBackend(FastUserLookup, AllauthBackend):
    """allauth's backend (login by e-mail address, the site's login form)."""
