from django.urls import path

from . import views

app_name = "legal"

urlpatterns = [
    path("terms/", views.legal_document, {"kind": "terms"}, name="terms"),
    path("terms/<int:version>/", views.legal_document, {"kind": "terms"}, name="terms-version"),
    path("privacy/", views.legal_document, {"kind": "privacy"}, name="privacy"),
    path("privacy/<int:version>/", views.legal_document, {"kind": "privacy"}, name="privacy-version"),
    path("consent/", views.consent, name="consent"),
]
