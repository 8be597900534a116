"""Claim-level reference benchmarks: a submission's claims against its organisation's
norms, and an organisation's table of rates. The same builder as the pages
(`selectors.benchmarks`); below the minimum sample a norm has no rate and no interval,
only its n."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from vetting.access import can, require
from vetting.models import Organisation, Submission
from vetting.scoring.benchmarks import Norm
from vetting.selectors.benchmarks import (
    norm_sentence,
    organisation_claim_benchmarks,
    submission_claim_benchmarks,
)

NormSerializer = inline_serializer(
    "ClaimNorm",
    {
        "n": serializers.IntegerField(help_text="Judged claims behind the norm."),
        "shown": serializers.BooleanField(help_text="n reaches the minimum sample."),
        "rate": serializers.FloatField(
            allow_null=True, help_text="Confirmed share (partly = 1/2); null below the minimum."
        ),
        "low": serializers.FloatField(allow_null=True, help_text="Wilson 95% lower bound."),
        "high": serializers.FloatField(allow_null=True, help_text="Wilson 95% upper bound."),
        "sentence": serializers.CharField(),
    },
)


def _norm(norm: Norm, sentence: str) -> dict[str, Any]:
    return {
        "n": norm.n,
        "shown": norm.shown,
        "rate": norm.rate,
        "low": norm.low,
        "high": norm.high,
        "sentence": sentence,
    }


class SubmissionClaimBenchmarksView(GenericAPIView):
    """Each kind of claim (area x referee relationship) the submission's referees judged:
    the consultant's confirmations against how often such claims are confirmed across the
    organisation's completed checks (without this consultant). Where you see what referees
    said of this consultant (blind review: after your review); 404 otherwise."""

    serializer_class = None
    pagination_class = None

    @extend_schema(
        responses=inline_serializer(
            "SubmissionClaimBenchmarks",
            {
                "submission": serializers.IntegerField(),
                "min_sample": serializers.IntegerField(),
                "lines": inline_serializer(
                    "ClaimLine",
                    {
                        "area": serializers.CharField(),
                        "area_label": serializers.CharField(),
                        "relationship": serializers.CharField(),
                        "confirmed": serializers.IntegerField(),
                        "partly": serializers.IntegerField(),
                        "not_confirmed": serializers.IntegerField(),
                        "dont_know": serializers.IntegerField(),
                        "sentence": serializers.CharField(),
                        "norm": NormSerializer,
                    },
                    many=True,
                ),
            },
        )
    )
    def get(self, request: Request, submission_pk: int) -> Response:
        submission = (
            Submission.objects.for_user(request.user)
            .select_related("engagement", "consultant")
            .filter(pk=submission_pk)
            .first()
        )
        if submission is None or not can(
            request.user, "vetting.view_submission_results", submission
        ):
            raise Http404(_("No such submission."))
        benchmarks = submission_claim_benchmarks(request.user, submission)
        return Response(
            {
                "submission": submission.pk,
                "min_sample": benchmarks.min_sample,
                "lines": [
                    {
                        "area": line.kind.area,
                        "area_label": line.kind.area_label,
                        "relationship": line.kind.relationship,
                        "confirmed": line.own.confirmed,
                        "partly": line.own.partly,
                        "not_confirmed": line.own.not_confirmed,
                        "dont_know": line.own.dont_know,
                        "sentence": line.sentence,
                        "norm": _norm(line.norm, norm_sentence(line.norm)),
                    }
                    for line in benchmarks.lines
                ],
            }
        )


class OrganisationClaimBenchmarksView(GenericAPIView):
    """How often the organisation's referees confirm each kind of claim (area x
    relationship) across its completed checks: for its procurement people, admins and
    managers (403 for its other members, 404 for anyone else). The consultants you have yet
    to review are left out."""

    serializer_class = None
    pagination_class = None

    @extend_schema(
        responses=inline_serializer(
            "OrganisationClaimBenchmarks",
            {
                "organisation": serializers.IntegerField(),
                "min_sample": serializers.IntegerField(),
                "leaves_out_blind": serializers.BooleanField(),
                "cells": inline_serializer(
                    "ClaimBenchmarkCell",
                    {
                        "area": serializers.CharField(),
                        "area_label": serializers.CharField(),
                        "asked_of_referees": serializers.BooleanField(),
                        "relationship": serializers.CharField(),
                        "norm": NormSerializer,
                    },
                    many=True,
                ),
            },
        )
    )
    def get(self, request: Request, organisation_pk: int) -> Response:
        organisation = Organisation.objects.filter(pk=organisation_pk).first()
        if organisation is None or not can(request.user, "vetting.view_organisation", organisation):
            raise Http404(_("No such organisation."))
        require(
            request.user,
            "vetting.view_claim_benchmarks",
            organisation,
            _("Its procurement people, admins and managers read the benchmarks."),
        )
        benchmarks = organisation_claim_benchmarks(request.user, organisation)
        asked = {key: flag for key, _label, flag in benchmarks.areas}
        return Response(
            {
                "organisation": organisation.pk,
                "min_sample": benchmarks.min_sample,
                "leaves_out_blind": benchmarks.leaves_out_blind,
                "cells": [
                    {
                        "area": cell.kind.area,
                        "area_label": cell.kind.area_label,
                        "asked_of_referees": asked[cell.kind.area],
                        "relationship": cell.kind.relationship,
                        "norm": _norm(cell.norm, cell.sentence),
                    }
                    for cell in benchmarks.cells
                ],
            }
        )
