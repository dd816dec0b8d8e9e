from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every login that comes with a request (the admin login form, any
    web login). Calls without a request (code, management commands, the test client's `login()`) cannot
    come from a visitor and are passed on to the next backend instead of raising an error."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
