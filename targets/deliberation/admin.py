"""The deliberation models in the admin: readable; the decision log and comments cannot be changed there."""

from django.contrib import admin

from targets.models import Comment, DecisionLogEntry, MemberStance, Shortlist, ShortlistItem, TeamDecision


class ReadOnlyAdmin(admin.ModelAdmin):
    """Audit records: listed and shown, never added, changed or deleted by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ("target", "author", "created_at")
    search_fields = ("target__symbol", "author__username", "body")


@admin.register(DecisionLogEntry)
class DecisionLogAdmin(ReadOnlyAdmin):
    list_display = ("at", "target", "actor", "action", "stance_before", "stance_after", "shortlist_name")
    list_filter = ("action",)
    search_fields = ("target__symbol", "actor__username", "reason")


@admin.register(MemberStance, TeamDecision)
class StanceAdmin(ReadOnlyAdmin):
    """Changed through the discussion page or the API, so every change is logged."""


class ShortlistItemInline(admin.TabularInline):
    model = ShortlistItem
    extra = 0
    readonly_fields = ("target", "position", "note", "added_by", "added_at")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Shortlist)
class ShortlistAdmin(ReadOnlyAdmin):
    list_display = ("name", "created_by", "created_at")
    inlines = [ShortlistItemInline]
