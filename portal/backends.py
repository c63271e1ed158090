from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailUsernameBackend(ModelBackend):
    """Log in with the e-mail address that is the username, however it is capitalised.

    Invitations store usernames lower-cased; people type their address as they like.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        user_model = get_user_model()
        username = username if username is not None else kwargs.get(user_model.USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = user_model._default_manager.filter(username__iexact=username.strip()).first()
        if user is None:
            # Hash anyway so that a missing account takes as long to refuse as a wrong password.
            user_model().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
