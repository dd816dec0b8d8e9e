"""Request guards that run before any view."""

from django.core.exceptions import BadRequest

NUL = "\x00"


def holds_nul(request):
    """Whether the path, a query parameter, a form field (names included) or a cookie holds a NUL character."""
    if NUL in request.path_info:
        return True
    data = [request.GET, request.COOKIES]
    if request.method == "POST":
        data.append(request.POST)
    for mapping in data:
        items = mapping.lists() if hasattr(mapping, "lists") else ((key, [value]) for key, value in mapping.items())
        for key, values in items:
            if NUL in key or any(isinstance(value, str) and NUL in value for value in values):
                return True
    return False


class RejectNulMiddleware:
    """A request holding a NUL character anywhere a view could read it is refused with 400 (the error page in the
    visitor's language) before any view runs: PostgreSQL text cannot hold NUL, and a query with one would be a
    database error, a 500, wherever a view passes a value on unchecked (the admin's autocomplete, for one)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if holds_nul(request):
            raise BadRequest("NUL character in the request")
        return self.get_response(request)
