//! The reporting route: validation errors on fixtures, and every path of the
//! real route checked against the order rules of the regional flowchart.

mod common;

use baken::content::common::Form;
use baken::content::load_site;
use baken::content::route::{Action, Role, Route, RouteNode};
use baken::diagnostics::Diagnostics;
use common::{failing_build, repo_root};


#[test]
fn errors_on_unreachable_node() {
    let text = failing_build("route-unreachable");
    assert!(text.contains("node `vergeten` cannot be reached from the start node `vorm`"), "{text}");
    assert!(text.contains("content/meldroute.yaml:51:9"), "{text}");
}

#[test]
fn errors_on_cycle() {
    let text = failing_build("route-cycle");
    assert!(text.contains("the route has a cycle: vorm → twijfel → vorm"), "{text}");
    assert!(text.contains("content/meldroute.yaml:57:15"), "{text}");
}

#[test]
fn errors_on_dead_end() {
    let text = failing_build("route-dead-end");
    assert!(text.contains("question `leeg` has no options, so its path does not end in an outcome"), "{text}");
    assert!(text.contains("content/meldroute.yaml:53:5"), "{text}");
}

#[test]
fn errors_on_missing_node() {
    let text = failing_build("route-missing-node");
    assert!(text.contains("option `Criminele uitbuiting` of node `vorm` points to node `bestaat-niet`, which does not exist"), "{text}");
    assert!(text.contains("content/meldroute.yaml:13:15"), "{text}");
}

#[test]
fn errors_on_missing_partner() {
    let text = failing_build("route-missing-partner");
    assert!(text.contains("outcome `au` names partner `onbekend-team`, which does not exist"), "{text}");
    assert!(text.contains("content/meldroute.yaml:33:18"), "{text}");
}

#[test]
fn errors_on_form_without_outcome() {
    let text = failing_build("route-missing-form");
    assert!(text.contains("no outcome handles Gedwongen orgaanverwijdering (OV)"), "{text}");
    assert!(text.contains("add an outcome with `form: OV`"), "{text}");
}

fn real_route() -> (Route, baken::content::Site) {
    let diagnostics = Diagnostics::new();
    let site = load_site(&repo_root(), &diagnostics);
    assert!(!diagnostics.has_errors(), "{:?}", diagnostics.sorted());
    let route = site.route.as_ref().expect("content/meldroute.yaml exists").value.clone();
    (route, site)
}

/// Lists every path from the start as the sequence of node ids.
fn all_paths(route: &Route) -> Vec<Vec<String>> {
    let node = |id: &str| route.nodes.iter().find(|n| n.id == id).unwrap();
    let mut done = Vec::new();
    let mut open = vec![vec![route.start.clone()]];
    while let Some(path) = open.pop() {
        let last = node(path.last().unwrap());
        if last.is_outcome() {
            done.push(path);
            continue;
        }
        assert!(!last.options.is_empty(), "question {} has no options", last.id);
        for option in &last.options {
            assert!(!path.contains(&option.next), "cycle through {}", option.next);
            let mut next = path.clone();
            next.push(option.next.clone());
            open.push(next);
        }
    }
    done
}

fn outcome<'a>(route: &'a Route, path: &[String]) -> &'a RouteNode {
    route.nodes.iter().find(|n| &n.id == path.last().unwrap()).unwrap()
}

#[test]
fn every_path_ends_at_named_partner() {
    let (route, site) = real_route();
    let paths = all_paths(&route);
    assert!(paths.len() >= 10, "only {} paths", paths.len());
    for path in &paths {
        let end = outcome(&route, path);
        assert!(!end.steps.is_empty(), "outcome {} has no steps", end.id);
        for step in &end.steps {
            let named = match (&step.partner, &step.role) {
                (Some(id), _) => site.partner(id).is_some(),
                (None, Some(_)) => true,
                (None, None) => step.action == Action::Bel112,
            };
            assert!(named, "a step of {} names no partner", end.id);
        }
    }
}

/// Returns the position of the first step that names `partner` or `role`.
fn position(node: &RouteNode, partner: Option<&str>, role: Option<Role>) -> Option<usize> {
    node.steps.iter().position(|s| (partner.is_some() && s.partner.as_deref() == partner) || (role.is_some() && s.role == role))
}

#[test]
fn forms_follow_flowchart_order() {
    let (route, _) = real_route();
    let paths = all_paths(&route);
    let mut seen = std::collections::HashSet::new();
    for path in &paths {
        let end = outcome(&route, path);
        let Some(form) = end.form else { continue };
        seen.insert(form);
        let avim = position(end, Some("avim"), None);
        let iszw = position(end, Some("iszw"), None);
        let zoco = position(end, None, Some(Role::Zorgcoordinatie));
        assert!(zoco.is_some(), "{}: no zorgcoördinator", end.id);
        match form {
            Form::SU | Form::CU | Form::OV => {
                let avim = avim.unwrap_or_else(|| panic!("{}: AVIM missing", end.id));
                assert!(avim < zoco.unwrap(), "{}: AVIM must come before the zorgcoördinator", end.id);
                assert_eq!(end.steps[avim].action, Action::BelEerst, "{}: AVIM is called first", end.id);
            }
            Form::AU => {
                assert!(iszw.is_some(), "{}: Inspectie SZW missing", end.id);
                assert!(avim.is_none(), "{}: labour exploitation goes to Inspectie SZW, not AVIM", end.id);
            }
        }
        let last = end.steps.last().unwrap();
        assert_eq!(last.action, Action::Terugkoppeling, "{}: feedback step last", end.id);
    }
    assert_eq!(seen.len(), 4, "not every form is reachable: {seen:?}");
}

#[test]
fn employee_path_goes_to_af() {
    let (route, _) = real_route();
    for path in all_paths(&route) {
        let end = outcome(&route, &path);
        if end.audience == Some(baken::content::common::Audience::Medewerker) {
            assert!(end.steps.iter().any(|s| s.role == Some(Role::Af)), "{} does not pass the signal to the AF", end.id);
        }
    }
}

#[test]
fn citizen_paths_offer_112_and_police() {
    let (route, _) = real_route();
    let citizen: Vec<RouteNode> = all_paths(&route).iter().map(|p| outcome(&route, p).clone()).filter(|n| n.audience == Some(baken::content::common::Audience::Burger)).collect();
    assert!(citizen.iter().any(|n| n.steps.iter().any(|s| s.action == Action::Bel112)), "no 112 outcome for citizens");
    assert!(citizen.iter().any(|n| n.steps.iter().any(|s| s.partner.as_deref() == Some("avim"))), "no police outcome for citizens");
}
