"""The HTML pages. Reading needs the viewer role; reviewing and ingesting the analyst role;
managing users the admin role. Witness names are removed before rendering (``redactor_for``)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from tawthiq.errors import BadInput, NotFound
from tawthiq.geo.display import arabic_name
from tawthiq.redaction import Redactor, can_see_witnesses
from tawthiq.review import actions as review
from tawthiq.review.users import (
    MIN_PASSWORD_CHARS,
    ROLES,
    CurrentUser,
    add_user_in,
    disable_user_in,
    list_users_in,
)
from tawthiq.victims.mentions import incident_coverage
from tawthiq.web import queries
from tawthiq.web.ingest_jobs import (
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_FILES,
    check_size,
    ingest_options,
    safe_filename,
    upload_dir,
)
from tawthiq.web.routers.common import cached_view, fragment, render
from tawthiq.web.security import (
    CSRF_FIELD,
    StoreSession,
    bearer_token,
    page_admin,
    page_analyst,
    page_uploader,
    page_viewer,
    redactor_for,
    refuse_csrf,
    same_token,
)

router = APIRouter(include_in_schema=False)
# Every file at its largest, and the form around them.
UPLOAD_BODY_LIMIT = MAX_UPLOAD_BYTES * 4 + 1024 * 1024
NO_REDACTION = Redactor([])
RAW_PREVIEW_BYTES = 200_000


@router.get("/")
def home(user: CurrentUser = Depends(page_viewer)):
    return RedirectResponse("/incidents", status_code=303)


@router.get("/incidents")
def incidents(request: Request, user: CurrentUser = Depends(page_viewer),
              session: Session = StoreSession):
    flt = queries.IncidentFilter.from_params(request.query_params)
    return render(request, "incidents.html",
                  list_fragments(request, session, flt, user, "/incidents", "#results"))


@router.get("/incidents/{incident_id}")
def incident(request: Request, incident_id: int, user: CurrentUser = Depends(page_viewer),
             session: Session = StoreSession):
    detail = queries.incident_detail(session, incident_id, redactor_for(user, session))
    place = detail["place"] or {}
    return render(request, "incident.html",
                  {"incident": detail, "editable": review.EDITABLE_FIELDS,
                   "place_ar": arabic_name(place.get("gazetteer_id"), request.app.state.settings),
                   "sub_event_types": review.SUB_EVENT_TYPES,
                   "can_review": user.at_least("analyst"),
                   "on_lists": incident_coverage(session, incident_id, role=user.role)})


def list_fragments(request: Request, session: Session, flt: queries.IncidentFilter,
                   user: CurrentUser, action: str, htmx_target: str | None) -> dict:
    """The filter form and one page of results as HTML, each rendered once per store version
    and reader clearance (neither holds the user's name or CSRF token) and then reused."""
    redactor = redactor_for(user, session)
    params = flt.params()

    def results() -> Markup:
        result = queries.list_incidents(session, flt, redactor)
        return fragment("_results.html", result=result, flt=flt, params=params, base=action)

    return {"flt": flt, "params": params,
            "filters_html": filters_form(request, session, flt, action, htmx_target),
            "results_html": cached_view(request, session, "results-html",
                                        {**params, "at": action}, redactor, results)}


def filters_form(request: Request, session: Session, flt: queries.IncidentFilter,
                 action: str, htmx_target: str | None) -> Markup:
    return cached_view(request, session, "filters-html", {**flt.params(), "at": action},
                       NO_REDACTION, lambda: fragment(
                           "_filters.html", flt=flt, options=filter_options(request, session),
                           action=action, htmx_target=htmx_target))


def filter_options(request: Request, session: Session) -> dict:
    return cached_view(request, session, "options", {}, NO_REDACTION,
                       lambda: queries.filter_options(session))


def back_to(incident_id: int | None, anchor: str = "") -> RedirectResponse:
    target = f"/incidents/{incident_id}" if incident_id else "/incidents"
    return RedirectResponse(target + (f"#{anchor}" if anchor else ""), status_code=303)


@router.post("/incidents/{incident_id}/status")
def incident_status(incident_id: int, status: str = Form(...),
                    user: CurrentUser = Depends(page_analyst),
                    session: Session = StoreSession):
    review.set_incident_status(session, user.username, incident_id, status)
    return back_to(incident_id, "history")


@router.post("/incidents/{incident_id}/title")
def incident_title(incident_id: int, title: str = Form(""),
                   user: CurrentUser = Depends(page_analyst),
                   session: Session = StoreSession):
    review.edit_incident_title(session, user.username, incident_id, title)
    return back_to(incident_id, "history")


@router.post("/incidents/{incident_id}/merge")
def incident_merge(incident_id: int, other: int = Form(...),
                   user: CurrentUser = Depends(page_analyst),
                   session: Session = StoreSession):
    review.merge_incidents(session, user.username, incident_id, other)
    return back_to(incident_id, "history")


@router.post("/incidents/{incident_id}/split")
def incident_split(incident_id: int, event_ids: list[int] = Form(default_factory=list),
                   user: CurrentUser = Depends(page_analyst),
                   session: Session = StoreSession):
    new = review.split_incident(session, user.username, incident_id, event_ids)
    return back_to(new.id, "history")


@router.post("/events/{event_id}/edit")
def event_edit(event_id: int, field: str = Form(...), value: str = Form(""),
               user: CurrentUser = Depends(page_analyst),
               session: Session = StoreSession):
    event = review.edit_event(session, user.username, event_id, field, value)
    return back_to(event.incident_id, "history")


@router.post("/events/{event_id}/status")
def event_status(event_id: int, status: str = Form(...),
                 user: CurrentUser = Depends(page_analyst),
                 session: Session = StoreSession):
    event = review.set_event_status(session, user.username, event_id, status)
    return back_to(event.incident_id, "history")


@router.get("/documents/{document_id}")
def document(request: Request, document_id: int, user: CurrentUser = Depends(page_viewer),
             session: Session = StoreSession):
    detail = queries.document_detail(session, document_id, redactor_for(user, session))
    cleared = can_see_witnesses(user.role)
    raw_text = None
    if cleared:  # the original bytes hold the witnesses' names: cleared roles only
        data, _media_type, _name = queries.document_raw(session, document_id)
        raw_text = data[:RAW_PREVIEW_BYTES].decode("utf-8", errors="replace")
    return render(request, "document.html",
                  {"document": detail, "can_see_raw": cleared, "raw_text": raw_text,
                   "raw_cut": cleared and detail["raw_size"] > RAW_PREVIEW_BYTES})


@router.get("/documents/{document_id}/raw")
def document_raw(document_id: int, user: CurrentUser = Depends(page_analyst),
                 session: Session = StoreSession):
    """The bytes exactly as ingested (they hold witness names: cleared roles only)."""
    data, media_type, name = queries.document_raw(session, document_id)
    return Response(data, media_type="application/octet-stream",
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "X-Original-Media-Type": media_type})


@router.get("/map")
def map_page(request: Request, user: CurrentUser = Depends(page_viewer),
             session: Session = StoreSession):
    flt = queries.IncidentFilter.from_params(request.query_params)
    return render(request, "map.html", {
        "flt": flt, "params": flt.params(),
        "filters_html": filters_form(request, session, flt, "/map", None)})


@router.get("/timeline")
def timeline_page(request: Request, user: CurrentUser = Depends(page_viewer),
                  session: Session = StoreSession):
    flt = queries.IncidentFilter.from_params(request.query_params)
    return render(request, "timeline.html",
                  list_fragments(request, session, flt, user, "/timeline", None))


@router.get("/ingest")
def ingest_page(request: Request, user: CurrentUser = Depends(page_analyst)):
    return render(request, "ingest.html", {"job": None})


@router.post("/ingest", max_body_size=UPLOAD_BODY_LIMIT)
async def ingest_upload(request: Request, user: CurrentUser = Depends(page_uploader)):
    job_id = await receive_upload(request, user)
    return RedirectResponse(f"/ingest/jobs/{job_id}", status_code=303)


async def receive_upload(request: Request, user: CurrentUser) -> str:
    """Read an upload form - only now, after the sender was found to be an analyst - save its
    files under ``home/uploads/<time>-<random>/`` and record the job; returns its id."""
    form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=20)
    if bearer_token(request) is None and not same_token(getattr(request.state, "csrf", None),
                                                        form.get(CSRF_FIELD)):
        raise refuse_csrf()
    options = ingest_options(*(_text(form.get(name)) for name in
                               ("published", "source", "csv_map")))
    uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    if not uploads:
        raise BadInput("choose at least one file", field="files")
    saved = await run_in_threadpool(save_uploads, request.app.state.settings.ensure_home(),
                                    uploads)
    return await run_in_threadpool(request.app.state.jobs.start, user.username, saved, options)


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def save_uploads(home: Path, uploads: list[UploadFile]) -> list[tuple[str, Path]]:
    folder = upload_dir(home)
    saved = []
    for upload in uploads:
        data = upload.file.read()
        check_size(data, upload.filename)
        path = folder / safe_filename(upload.filename)
        counter = 1
        while path.exists():
            path = folder / f"{counter}-{safe_filename(upload.filename)}"
            counter += 1
        path.write_bytes(data)
        saved.append((upload.filename, path))
    return saved


@router.get("/ingest/jobs/{job_id}")
def ingest_job(request: Request, job_id: str, user: CurrentUser = Depends(page_analyst),
               session: Session = StoreSession):
    job = request.app.state.jobs.view(session, job_id)
    if job is None:
        raise NotFound(f"no ingest job {job_id}")
    return render(request, "ingest.html", {"job": job})


@router.get("/users")
def users_page(request: Request, user: CurrentUser = Depends(page_admin),
               session: Session = StoreSession):
    return render(request, "users.html", {"users": list_users_in(session), "roles": ROLES,
                                          "min_password": MIN_PASSWORD_CHARS})


@router.post("/users")
def users_add(username: str = Form(""), role: str = Form("viewer"), password: str = Form(""),
              user: CurrentUser = Depends(page_admin), session: Session = StoreSession):
    add_user_in(session, username, role, password, by=user.username)
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{username}/disable")
def users_disable(username: str, user: CurrentUser = Depends(page_admin),
                  session: Session = StoreSession):
    disable_user_in(session, username, by=user.username)
    return RedirectResponse("/users", status_code=303)
