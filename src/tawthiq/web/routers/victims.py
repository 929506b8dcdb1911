"""Victim-list pages: the analyst's review queue of uncertain pairs (both records side by side
with the weight of each comparison; accept or reject), and a person's page (their records on
every list, the incidents whose reports name them; merge and split). The decisions are
``tawthiq.victims.review``'s; this router only translates requests."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from tawthiq.review.users import CurrentUser
from tawthiq.victims import mentions, review
from tawthiq.web.routers.common import render
from tawthiq.web.security import StoreSession, page_analyst, page_viewer

router = APIRouter(include_in_schema=False)


@router.get("/victims")
def review_queue(request: Request, user: CurrentUser = Depends(page_analyst),
                 session: Session = StoreSession):
    return render(request, "victims_review.html",
                  {"queue": review.review_queue(session, role=user.role),
                   "decisions": review.recent_decisions(session)})


@router.post("/victims/pairs/{pair_id}/decision")
def decide(pair_id: int, decision: str = Form(...), note: str = Form(""),
           user: CurrentUser = Depends(page_analyst),
           session: Session = StoreSession):
    review.decide_pair(session, user.username, pair_id, decision, note or None)
    return RedirectResponse("/victims#decisions", status_code=303)


@router.get("/victims/persons/{person_id}")
def person(request: Request, person_id: int, user: CurrentUser = Depends(page_viewer),
           session: Session = StoreSession):
    return render(request, "victims_person.html",
                  {"person": mentions.person_detail(session, person_id, role=user.role),
                   "can_review": user.at_least("analyst")})


@router.post("/victims/persons/{person_id}/merge")
def merge(person_id: int, other: int = Form(...), user: CurrentUser = Depends(page_analyst),
          session: Session = StoreSession):
    kept = review.merge_persons(session, user.username, person_id, other)
    return RedirectResponse(f"/victims/persons/{kept}", status_code=303)


@router.post("/victims/persons/{person_id}/split")
def split(person_id: int, record_ids: list[int] = Form(default_factory=list),
          user: CurrentUser = Depends(page_analyst), session: Session = StoreSession):
    new = review.split_person(session, user.username, person_id, record_ids)
    return RedirectResponse(f"/victims/persons/{new}", status_code=303)
