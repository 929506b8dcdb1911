"""Episode pages and their JSON: the episode with its incidents on a map and a timeline and
every source's aggregate toll beside the sum of its incidents; an analyst's changes (each
an audit entry, ``review.episodes``)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from tawthiq.pipeline import read_episode
from tawthiq.review import episodes as review
from tawthiq.review.users import CurrentUser
from tawthiq.store.episodes import list_episodes
from tawthiq.web import queries
from tawthiq.web.routers.common import render
from tawthiq.web.security import (
    api_viewer,
    db_session,
    page_analyst,
    page_viewer,
    redactor_for,
)

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["episodes"])


def back_to(episode_id: int, anchor: str = "") -> RedirectResponse:
    return RedirectResponse(f"/episodes/{episode_id}" + (f"#{anchor}" if anchor else ""),
                            status_code=303)


@router.get("/episodes")
def episodes(request: Request, user: CurrentUser = Depends(page_viewer),
             session: Session = Depends(db_session, scope="function")):
    return render(request, "episodes.html", {"episodes": list_episodes(session)})


@router.get("/episodes/{episode_id}")
def episode(request: Request, episode_id: int, user: CurrentUser = Depends(page_viewer),
            session: Session = Depends(db_session, scope="function")):
    detail = queries.episode_detail(session, episode_id, redactor_for(user, session))
    return render(request, "episode.html",
                  {**detail, "base": f"/episodes/{episode_id}",
                   "can_review": user.at_least("analyst")})


@router.post("/episodes")
def episode_create(title: str = Form(""), incident_ids: list[int] = Form(default_factory=list),
                   user: CurrentUser = Depends(page_analyst),
                   session: Session = Depends(db_session, scope="function")):
    row = review.create_episode(session, user.username, title, incident_ids)
    return back_to(row.id)


@router.post("/episodes/{episode_id}/incidents")
def episode_add(episode_id: int, incident_id: int = Form(...),
                user: CurrentUser = Depends(page_analyst),
                session: Session = Depends(db_session, scope="function")):
    review.add_incident(session, user.username, episode_id, incident_id)
    return back_to(episode_id, "incidents")


@router.post("/episodes/{episode_id}/incidents/{incident_id}/remove")
def episode_remove(episode_id: int, incident_id: int,
                   user: CurrentUser = Depends(page_analyst),
                   session: Session = Depends(db_session, scope="function")):
    review.remove_incident(session, user.username, episode_id, incident_id)
    return back_to(episode_id, "incidents")


@router.post("/episodes/{episode_id}/status")
def episode_status(episode_id: int, status: str = Form(...),
                   user: CurrentUser = Depends(page_analyst),
                   session: Session = Depends(db_session, scope="function")):
    review.set_episode_status(session, user.username, episode_id, status)
    return back_to(episode_id, "history")


@api.get("/episodes/{episode_id}", summary="An episode: incidents, every source's aggregate "
         "toll and the sum of its incidents")
def episode_json(episode_id: int, user: CurrentUser = Depends(api_viewer),
                 session: Session = Depends(db_session, scope="function")) -> dict:
    return read_episode(session, episode_id).model_dump(mode="json")
