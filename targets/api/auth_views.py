"""Token authentication for scripts: exchange a username and password for a token once, then send
`Authorization: Token <key>` with every request."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken

from targets.api.base import ApiViewMixin


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class TokenView(ApiViewMixin, ObtainAuthToken):
    @extend_schema(request=AuthTokenSerializer, responses=TokenSerializer, auth=[])
    def post(self, request, *args, **kwargs):
        """Your API token (created on first request); wrong credentials give a 400."""
        return super().post(request, *args, **kwargs)
