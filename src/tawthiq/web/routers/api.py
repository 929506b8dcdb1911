"""The JSON API for scripts and for the map and timeline pages. Anonymous requests get 401;
a role too low gets 403; witness names are redacted for roles not cleared to see them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from tawthiq.errors import NotFound
from tawthiq.review import actions as review
from tawthiq.review.users import (
    CurrentUser,
    add_user_in,
    disable_user_in,
    issue_api_token,
    list_users_in,
)
from tawthiq.store.db import session_scope
from tawthiq.web import queries
from tawthiq.web.routers.common import cached_view, json_view
from tawthiq.web.routers.pages import UPLOAD_BODY_LIMIT, receive_upload
from tawthiq.web.security import (
    StoreSession,
    api_admin,
    api_analyst,
    api_uploader,
    api_viewer,
    redactor_for,
)

router = APIRouter(prefix="/api", tags=["api"])
DB = Annotated[Session, StoreSession]
Viewer = Annotated[CurrentUser, Depends(api_viewer)]
Analyst = Annotated[CurrentUser, Depends(api_analyst)]
Admin = Annotated[CurrentUser, Depends(api_admin)]


class FieldEdit(BaseModel):
    field: str = Field(description="one of the editable fields of an event report")
    value: Any = Field(default=None, description="the new value (null clears a count/date)")


class StatusChange(BaseModel):
    status: str = Field(description="accepted, rejected or proposed")


class Merge(BaseModel):
    other: int = Field(description="the incident to merge into this one")


class Split(BaseModel):
    event_ids: list[int] = Field(description="the reports to move into a new incident")


class TitleEdit(BaseModel):
    title: str


class NewUser(BaseModel):
    username: str
    role: str = "viewer"
    password: str


def filters(request: Request) -> queries.IncidentFilter:
    return queries.IncidentFilter.from_params(request.query_params)


Filters = Annotated[queries.IncidentFilter, Depends(filters)]


def _plain(view: dict) -> dict:
    """A view dict as JSON (the page-only text segments dropped)."""
    return jsonable_encoder({k: v for k, v in view.items() if k != "segments"})


@router.get("/me", summary="The caller's username and role")
def me(user: Viewer) -> dict:
    return {"username": user.username, "role": user.role}


@router.get("/incidents", summary="Incidents matching the filters, one page at a time")
def incidents(request: Request, flt: Filters, user: Viewer, session: DB) -> dict:
    redactor = redactor_for(user, session)
    return jsonable_encoder(cached_view(request, session, "list", flt.params(), redactor,
                                        lambda: queries.list_incidents(session, flt, redactor)))


@router.get("/incidents/{incident_id}", summary="An incident with its reports and evidence")
def incident(incident_id: int, user: Viewer, session: DB) -> dict:
    detail = queries.incident_detail(session, incident_id, redactor_for(user, session))
    detail["reports"] = [_plain(r) for r in detail["reports"]]
    return jsonable_encoder(detail)


@router.get("/incidents/{incident_id}/history", summary="The incident's audit trail")
def history(incident_id: int, user: Viewer, session: DB) -> list:
    if queries.row_by_id(session, queries.IncidentRow, incident_id) is None:
        raise NotFound(f"no incident {incident_id}")
    return jsonable_encoder(queries.incident_history(session, incident_id,
                                                     redactor_for(user, session)))


@router.get("/documents/{document_id}", summary="A report as ingested, with its extractions")
def document(document_id: int, user: Viewer, session: DB) -> dict:
    detail = queries.document_detail(session, document_id, redactor_for(user, session))
    return _plain(detail)


@router.get("/map", summary="Incidents with coordinates, as compact rows",
            response_class=JSONResponse)
def map_data(request: Request, flt: Filters, user: Viewer, session: DB) -> Response:
    # Thousands of rows: encoded and compressed once per store version, not per request.
    redactor = redactor_for(user, session)
    return json_view(request, session, "map", flt.params(page=None), redactor,
                     lambda: queries.map_points(session, flt, redactor))


@router.get("/timeline", summary="Incidents and deaths per day", response_class=JSONResponse)
def timeline(request: Request, flt: Filters, user: Viewer, session: DB) -> Response:
    redactor = redactor_for(user, session)
    return json_view(request, session, "timeline", flt.params(page=None), redactor,
                     lambda: queries.timeline(session, flt, redactor))


@router.get("/regions", summary="Region and district outlines (GeoJSON) for offline maps")
def regions(request: Request, user: Viewer) -> dict:
    from tawthiq.web.outlines import region_outlines

    return region_outlines(request.app.state.settings)


@router.patch("/events/{event_id}", summary="Correct one field (writes a new revision)")
def edit_event(event_id: int, edit: FieldEdit, user: Analyst, session: DB) -> dict:
    event = review.edit_event(session, user.username, event_id, edit.field, edit.value)
    return {"event_id": event.id, "revision": event.revision, "incident_id": event.incident_id}


@router.post("/events/{event_id}/status", summary="Accept, reject or reopen an event report")
def event_status(event_id: int, change: StatusChange, user: Analyst, session: DB) -> dict:
    event = review.set_event_status(session, user.username, event_id, change.status)
    return {"event_id": event.id, "status": event.status}


@router.post("/incidents/{incident_id}/status", summary="Accept, reject or reopen an incident")
def incident_status(incident_id: int, change: StatusChange, user: Analyst, session: DB) -> dict:
    incident = review.set_incident_status(session, user.username, incident_id, change.status)
    return {"incident_id": incident.id, "status": incident.status}


@router.post("/incidents/{incident_id}/title", summary="Retitle an incident")
def incident_title(incident_id: int, edit: TitleEdit, user: Analyst, session: DB) -> dict:
    incident = review.edit_incident_title(session, user.username, incident_id, edit.title)
    return {"incident_id": incident.id, "title": incident.title}


@router.post("/incidents/{incident_id}/merge", summary="Merge another incident into this one")
def merge(incident_id: int, body: Merge, user: Analyst, session: DB) -> dict:
    target = review.merge_incidents(session, user.username, incident_id, body.other)
    return {"incident_id": target.id, "merged": body.other}


@router.post("/incidents/{incident_id}/split", summary="Move reports into a new incident")
def split(incident_id: int, body: Split, user: Analyst, session: DB) -> dict:
    new = review.split_incident(session, user.username, incident_id, body.event_ids)
    return {"incident_id": incident_id, "new_incident_id": new.id}


UPLOAD_FORM = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["files"], "properties": {
        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
        "published": {"type": "string", "description": "YYYY-MM-DD, for reports without one"},
        "source": {"type": "string", "description": "Outlet, for reports that name none"},
        "csv_map": {"type": "string",
                    "description": "CSV columns, e.g. text=body,date=day"}}}}}}}


@router.post("/ingest", summary="Upload report files to ingest (progress: GET /api/ingest/{job})",
             max_body_size=UPLOAD_BODY_LIMIT, openapi_extra=UPLOAD_FORM)
async def ingest(request: Request, user: CurrentUser = Depends(api_uploader)) -> dict:
    job_id = await receive_upload(request, user)
    return await run_in_threadpool(job_view, request, job_id)


def job_view(request: Request, job_id: str) -> dict:
    with session_scope(request.app.state.settings.db_url) as session:
        return request.app.state.jobs.view(session, job_id)


@router.get("/ingest/{job_id}", summary="Progress and errors of an upload, per file")
def ingest_job(request: Request, job_id: str, user: Analyst, session: DB) -> dict:
    job = request.app.state.jobs.view(session, job_id)
    if job is None:
        raise NotFound(f"no ingest job {job_id}")
    return job


@router.get("/users", summary="Users and roles (admin)")
def users(user: Admin, session: DB) -> list:
    return list_users_in(session)


@router.post("/users", summary="Add a user (admin)", status_code=201)
def add_user(body: NewUser, user: Admin, session: DB) -> dict:
    created = add_user_in(session, body.username, body.role, body.password, by=user.username)
    return {"username": created.username, "role": created.role}


@router.post("/users/{username}/disable", summary="Disable a user (admin)")
def disable_user(username: str, user: Admin, session: DB) -> dict:
    disable_user_in(session, username, by=user.username)
    return {"username": username, "disabled": True}


@router.post("/token", summary="Replace the caller's API token (shown once)")
def token(user: Viewer, session: DB) -> dict:
    return {"token": issue_api_token(session, user.username, by=user.username)}
