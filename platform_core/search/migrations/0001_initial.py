# The GIN index exists on PostgreSQL only (SQLite has no tsvector; its search reads title and body).

import django.contrib.postgres.search
import django.db.models.deletion
import django.utils.timezone
import platform_core.search.models
from django.conf import settings
from django.db import migrations, models


GIN = "search_document_vector"


def gin_create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX {GIN} ON search_searchdocument USING gin (vector)")


def gin_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN}")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=30, verbose_name='kind')),
                ('object_id', models.BigIntegerField(verbose_name='object id')),
                ('scope_id', models.BigIntegerField(blank=True, null=True, verbose_name='scope')),
                ('restricted', models.BooleanField(default=False, verbose_name='restricted')),
                ('always_ranked', models.BooleanField(default=False)),
                ('title', models.TextField(blank=True, verbose_name='title')),
                ('body', models.TextField(blank=True, verbose_name='text')),
                ('created', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                ('vector', platform_core.search.models.StoredGeneratedField(db_persist=True, expression=platform_core.search.models.DocumentVector(), output_field=django.contrib.postgres.search.SearchVectorField())),
                ('owner', models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='owner')),
            ],
            options={
                'verbose_name': 'search document',
                'verbose_name_plural': 'search documents',
                'indexes': [models.Index(fields=['-always_ranked', '-created', '-id'], name='search_document_recent'), models.Index(fields=['owner', '-created'], name='search_document_owner')],
                'constraints': [models.UniqueConstraint(fields=('kind', 'object_id'), name='search_document_unique')],
            },
        ),
        migrations.RunPython(gin_create, gin_drop),
    ]
