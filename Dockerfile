# The production-shaped image used by docker-compose.yml: web (gunicorn), worker and beat share it.
FROM node:20-slim AS assets
WORKDIR /build
COPY package*.json ./
RUN if [ -f package-lock.json ]; then npm ci --omit=dev; else mkdir -p node_modules; fi

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_DEBUG=0
WORKDIR /app
COPY pyproject.toml README.md ./
COPY config ./config
COPY targets ./targets
COPY scoring ./scoring
RUN pip install --no-cache-dir .
COPY . .
COPY --from=assets /build/node_modules ./node_modules
RUN DJANGO_SECRET_KEY=build-only python manage.py collectstatic --noinput
RUN useradd --create-home nicherank
USER nicherank
EXPOSE 8000
# --limit-request-*: bound the request line and headers; bodies are bounded by NICHERANK_MAX_REQUEST_MB and,
# for readers, NICHERANK_MAX_IDS (a JSON 413).
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2", "--timeout", "60", \
     "--graceful-timeout", "30", "--limit-request-line", "8190", "--limit-request-fields", "100"]
