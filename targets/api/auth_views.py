"""Token authentication for scripts: exchange a username and password for a token once, then send
`Authorization: Token <key>` with every request. Tokens expire (NICHERANK_TOKEN_TTL_HOURS): asking again
after that gives a new one. Repeated wrong passwords for one username or from one address answer 429."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import Throttled
from rest_framework.response import Response
from rest_framework.settings import api_settings

from targets.api.authentication import token_expired
from targets.api.base import ApiViewMixin
from targets.security.lockout import locked_out, lockout_message, record_failure, record_success


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class TokenView(ApiViewMixin, ObtainAuthToken):
    parser_classes = api_settings.DEFAULT_PARSER_CLASSES  # the project's depth- and NUL-checked JSON parser

    @extend_schema(request=AuthTokenSerializer, responses=TokenSerializer, auth=[])
    def post(self, request, *args, **kwargs):
        """Your API token (created on first request, renewed once expired); wrong credentials give a 400,
        too many wrong ones a 429."""
        username = request.data.get("username") if hasattr(request.data, "get") else None
        username = username if isinstance(username, str) else ""
        if locked_out(request, username):
            raise Throttled(detail=lockout_message())
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            record_failure(request, username)
            serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        record_success(request, username)
        token, _ = Token.objects.get_or_create(user=user)
        if token_expired(token):
            token.delete()
            token = Token.objects.create(user=user)
        return Response({"token": token.key})
