class ApiError(Exception):
    """An error the API reports as JSON with its own status code."""

    def __init__(self, message, status=400, details=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.details = details or []
