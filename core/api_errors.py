from ninja import Schema


class ApiError(Exception):
    """An error the API reports as JSON with its own status code."""

    def __init__(self, message, status=400, details=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.details = details or []


class ErrorDetail(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    """The body of every error answer: what went wrong, and one entry per wrong field."""

    error: str
    details: list[ErrorDetail]


def answers(ok, *error_statuses):
    """An operation's declared responses: ``ok`` for 200, the error body for each status in ``error_statuses``.

    Every operation declares the errors it can answer, so a client (and the schema
    test) can rely on the OpenAPI document for every status code it receives.
    """
    return {200: ok, **dict.fromkeys(error_statuses, ErrorOut)}
