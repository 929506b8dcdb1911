"""The HTML pages. Reading needs the viewer role; reviewing and ingesting the analyst role;
managing users the admin role. Witness names are removed before rendering (``redactor_for``)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from tawthiq.errors import BadInput, NotFound
from tawthiq.redaction import can_see_witnesses
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
from tawthiq.web.ingest_jobs import check_size, ingest_options, safe_filename, upload_dir
from tawthiq.web.routers.common import render
from tawthiq.web.security import (
    db_session,
    page_admin,
    page_analyst,
    page_viewer,
    redactor_for,
)

router = APIRouter(include_in_schema=False)
RAW_PREVIEW_BYTES = 200_000


@router.get("/")
def home(user: CurrentUser = Depends(page_viewer)):
    return RedirectResponse("/incidents", status_code=303)


@router.get("/incidents")
def incidents(request: Request, user: CurrentUser = Depends(page_viewer),
              session: Session = Depends(db_session)):
    flt = queries.IncidentFilter.from_params(request.query_params)
    result = queries.list_incidents(session, flt, redactor_for(user, session))
    return render(request, "incidents.html",
                  {"flt": flt, "params": flt.params(), "result": result,
                   "options": queries.filter_options(session)})


@router.get("/incidents/{incident_id}")
def incident(request: Request, incident_id: int, user: CurrentUser = Depends(page_viewer),
             session: Session = Depends(db_session)):
    detail = queries.incident_detail(session, incident_id, redactor_for(user, session))
    return render(request, "incident.html",
                  {"incident": detail, "options": queries.filter_options(session),
                   "editable": review.EDITABLE_FIELDS,
                   "sub_event_types": review.SUB_EVENT_TYPES,
                   "can_review": user.at_least("analyst"),
                   "on_lists": incident_coverage(session, incident_id, role=user.role)})


def back_to(incident_id: int | None, anchor: str = "") -> RedirectResponse:
    target = f"/incidents/{incident_id}" if incident_id else "/incidents"
    return RedirectResponse(target + (f"#{anchor}" if anchor else ""), status_code=303)


@router.post("/incidents/{incident_id}/status")
def incident_status(incident_id: int, status: str = Form(...),
                    user: CurrentUser = Depends(page_analyst),
                    session: Session = Depends(db_session)):
    review.set_incident_status(session, user.username, incident_id, status)
    return back_to(incident_id, "history")


@router.post("/incidents/{incident_id}/title")
def incident_title(incident_id: int, title: str = Form(""),
                   user: CurrentUser = Depends(page_analyst),
                   session: Session = Depends(db_session)):
    review.edit_incident_title(session, user.username, incident_id, title)
    return back_to(incident_id, "history")


@router.post("/incidents/{incident_id}/merge")
def incident_merge(incident_id: int, other: int = Form(...),
                   user: CurrentUser = Depends(page_analyst),
                   session: Session = Depends(db_session)):
    review.merge_incidents(session, user.username, incident_id, other)
    return back_to(incident_id, "history")


@router.post("/incidents/{incident_id}/split")
def incident_split(incident_id: int, event_ids: list[int] = Form(default_factory=list),
                   user: CurrentUser = Depends(page_analyst),
                   session: Session = Depends(db_session)):
    new = review.split_incident(session, user.username, incident_id, event_ids)
    return back_to(new.id, "history")


@router.post("/events/{event_id}/edit")
def event_edit(event_id: int, field: str = Form(...), value: str = Form(""),
               user: CurrentUser = Depends(page_analyst),
               session: Session = Depends(db_session)):
    event = review.edit_event(session, user.username, event_id, field, value)
    return back_to(event.incident_id, "history")


@router.post("/events/{event_id}/status")
def event_status(event_id: int, status: str = Form(...),
                 user: CurrentUser = Depends(page_analyst),
                 session: Session = Depends(db_session)):
    event = review.set_event_status(session, user.username, event_id, status)
    return back_to(event.incident_id, "history")


@router.get("/documents/{document_id}")
def document(request: Request, document_id: int, user: CurrentUser = Depends(page_viewer),
             session: Session = Depends(db_session)):
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
                 session: Session = Depends(db_session)):
    """The bytes exactly as ingested (they hold witness names: cleared roles only)."""
    data, media_type, name = queries.document_raw(session, document_id)
    return Response(data, media_type="application/octet-stream",
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "X-Original-Media-Type": media_type})


@router.get("/map")
def map_page(request: Request, user: CurrentUser = Depends(page_viewer),
             session: Session = Depends(db_session)):
    flt = queries.IncidentFilter.from_params(request.query_params)
    return render(request, "map.html", {"flt": flt, "params": flt.params(),
                                        "options": queries.filter_options(session)})


@router.get("/timeline")
def timeline_page(request: Request, user: CurrentUser = Depends(page_viewer),
                  session: Session = Depends(db_session)):
    flt = queries.IncidentFilter.from_params(request.query_params)
    result = queries.list_incidents(session, flt, redactor_for(user, session))
    return render(request, "timeline.html", {"flt": flt, "params": flt.params(),
                                             "result": result,
                                             "options": queries.filter_options(session)})


@router.get("/ingest")
def ingest_page(request: Request, user: CurrentUser = Depends(page_analyst)):
    return render(request, "ingest.html", {"job": None})


@router.post("/ingest")
async def ingest_upload(request: Request, files: list[UploadFile] = File(default_factory=list),
                        published: str = Form(""), source: str = Form(""),
                        csv_map: str = Form(""), user: CurrentUser = Depends(page_analyst)):
    options = ingest_options(published, source, csv_map)
    saved = await save_uploads(request, files)
    job = request.app.state.jobs.start(user.username, saved, options=options)
    return RedirectResponse(f"/ingest/jobs/{job.id}", status_code=303)


async def save_uploads(request: Request, files: list[UploadFile]) -> list:
    """Write each upload under ``home/uploads/<time>-<random>/``; BadInput when none."""
    chosen = [f for f in files if f.filename]
    if not chosen:
        raise BadInput("choose at least one file", field="files")
    folder = upload_dir(request.app.state.settings.ensure_home())
    saved = []
    for upload in chosen:
        data = await upload.read()
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
def ingest_job(request: Request, job_id: str, user: CurrentUser = Depends(page_analyst)):
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise NotFound(f"no ingest job {job_id} (jobs are kept until the server restarts)")
    return render(request, "ingest.html", {"job": job.view()})


@router.get("/users")
def users_page(request: Request, user: CurrentUser = Depends(page_admin),
               session: Session = Depends(db_session)):
    return render(request, "users.html", {"users": list_users_in(session), "roles": ROLES,
                                          "min_password": MIN_PASSWORD_CHARS})


@router.post("/users")
def users_add(username: str = Form(""), role: str = Form("viewer"), password: str = Form(""),
              user: CurrentUser = Depends(page_admin), session: Session = Depends(db_session)):
    add_user_in(session, username, role, password, by=user.username)
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{username}/disable")
def users_disable(username: str, user: CurrentUser = Depends(page_admin),
                  session: Session = Depends(db_session)):
    if username == user.username:
        raise BadInput("you cannot disable your own account", field="username")
    disable_user_in(session, username, by=user.username)
    return RedirectResponse("/users", status_code=303)
