"""The site search: a results page (the nav's plain GET form) and the suggestions JSON its script reads."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from targets.models import Target
from targets.web.access import read_access_required
from targets.web.search import DEFAULT_LIMIT, MAX_LIMIT, MAX_QUERY, search

RESULTS_LIMIT = 50


def _url(entry: dict) -> str:
    name = "target-detail" if entry["kind"] == "target" else "gene-detail"
    return reverse(name, args=[entry["symbol"]])


@read_access_required
def search_results(request):
    """Matches for ?q= (symbol, name, alias); an exact curated symbol goes straight to its target page."""
    query = request.GET.get("q", "")
    error = f"At most {MAX_QUERY} characters." if len(query) > MAX_QUERY else ""
    if "\x00" in query:
        error = "NUL characters are not allowed."
    cleaned = "" if error else query.strip()
    if cleaned and Target.objects.filter(symbol=cleaned.upper()).exists():
        return redirect("target-detail", symbol=cleaned.upper())
    results = [{**entry, "url": _url(entry)} for entry in search(cleaned, RESULTS_LIMIT)] if cleaned else []
    context = {"query": query[:MAX_QUERY], "results": results, "error": error}
    return render(request, "search/results.html", context, status=400 if error else 200)


def _error(field: str, message: str) -> JsonResponse:
    return JsonResponse(
        {"error": {"status": 400, "code": "invalid", "message": f"{field}: {message}", "fields": {field: [message]}}},
        status=400,
    )


@read_access_required
def search_suggest(request):
    """{query, results: [{symbol, name, kind, matched, url}]} for ?q= (at most ?limit=, default 8, up to 20)."""
    query = request.GET.get("q", "")
    if len(query) > MAX_QUERY:
        return _error("q", f"At most {MAX_QUERY} characters.")
    if "\x00" in query:
        return _error("q", "NUL characters are not allowed.")
    try:
        limit = int(request.GET.get("limit", DEFAULT_LIMIT))
    except ValueError:
        return _error("limit", f"A whole number from 1 to {MAX_LIMIT}.")
    if not 1 <= limit <= MAX_LIMIT:
        return _error("limit", f"A whole number from 1 to {MAX_LIMIT}.")
    results = [{**entry, "url": _url(entry)} for entry in search(query, limit)]
    return JsonResponse({"query": query.strip(), "results": results})
