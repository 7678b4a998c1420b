//! Rules for the reporting route: a graph from `start` that always ends in an outcome.

use std::collections::{HashMap, HashSet};

use crate::content::common::Form;
use crate::content::route::Route;
use crate::content::{Item, Site};
use crate::diagnostics::Diagnostics;

/// Checks the node shapes, the references and the graph of the route.
pub fn check_route(route: &Item<Route>, site: &Site, diagnostics: &Diagnostics) {
    let nodes = &route.value.nodes;
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, node) in nodes.iter().enumerate() {
        if index.insert(node.id.as_str(), i).is_some() {
            diagnostics.push(route.error("duplicate-id", &format!("nodes.{i}.id"), format!("duplicate route node id `{}`", node.id)).with_help("give each node its own id"));
        }
    }
    check_shapes(route, site, &index, diagnostics);

    let Some(&start) = index.get(route.value.start.as_str()) else {
        diagnostics.push(route.error("unknown-node", "start", format!("start node `{}` does not exist", route.value.start)).with_help("set `start:` to the id of the first question"));
        return;
    };
    check_reachable(route, &index, start, diagnostics);
    check_cycles(route, &index, start, diagnostics);
    check_forms(route, diagnostics);
}

fn check_shapes(route: &Item<Route>, site: &Site, index: &HashMap<&str, usize>, diagnostics: &Diagnostics) {
    for (i, node) in route.value.nodes.iter().enumerate() {
        let key = format!("nodes.{i}");
        match (&node.question, &node.outcome) {
            (Some(_), Some(_)) | (None, None) => {
                diagnostics.push(route.error("invalid-node", &key, format!("node `{}` must have either `question` or `outcome`", node.id)).with_help("a question has `question` and `options`; an outcome has `outcome` and `steps`"));
                continue;
            }
            _ => {}
        }
        if node.question.is_some() {
            if node.options.is_empty() {
                diagnostics.push(route.error("dead-end", &key, format!("question `{}` has no options, so its path does not end in an outcome", node.id)).with_help("add `options:` that lead to the next node"));
            }
            for (o, option) in node.options.iter().enumerate() {
                if !index.contains_key(option.next.as_str()) {
                    diagnostics.push(route.error("unknown-node", &format!("{key}.options.{o}.next"), format!("option `{}` of node `{}` points to node `{}`, which does not exist", option.label, node.id, option.next)).with_help("use the id of a node in this file"));
                }
            }
            if !node.steps.is_empty() {
                diagnostics.push(route.error("invalid-node", &format!("{key}.steps"), format!("question `{}` has steps; only outcomes have steps", node.id)).with_help("move the steps to the outcome this question leads to"));
            }
            continue;
        }
        if node.audience.is_none() {
            diagnostics.push(route.error("missing-value", &key, format!("outcome `{}` has no `audience`", node.id)).with_help("add `audience: medewerker`, `af` or `burger`"));
        }
        if node.steps.is_empty() {
            diagnostics.push(route.error("dead-end", &key, format!("outcome `{}` has no steps, so it names no partner", node.id)).with_help("add `steps:` that name a partner or a role"));
        }
        if !node.options.is_empty() {
            diagnostics.push(route.error("invalid-node", &format!("{key}.options"), format!("outcome `{}` has options; only questions have options", node.id)).with_help("make it a question, or remove the options"));
        }
        for (s, step) in node.steps.iter().enumerate() {
            let step_key = format!("{key}.steps.{s}");
            match (&step.partner, &step.role) {
                (Some(id), None) => {
                    if site.partner(id).is_none() && !site.has_failed("partner", id) {
                        diagnostics.push(route.error("unknown-reference", &format!("{step_key}.partner"), format!("outcome `{}` names partner `{id}`, which does not exist", node.id)).with_help("use the id of a file in content/partners/"));
                    }
                }
                (None, Some(_)) => {}
                // 112 is the national emergency number, not a partner of the region.
                (None, None) if step.action == crate::content::route::Action::Bel112 => {}
                _ => diagnostics.push(route.error("invalid-step", &step_key, format!("a step of outcome `{}` must name either a `partner` or a `role`", node.id)).with_help("add `partner: ID` or `role: af`, `zorgcoordinatie`, `wijkagent` or `zvh`")),
            }
        }
    }
}

fn check_reachable(route: &Item<Route>, index: &HashMap<&str, usize>, start: usize, diagnostics: &Diagnostics) {
    let nodes = &route.value.nodes;
    let mut seen = vec![false; nodes.len()];
    let mut stack = vec![start];
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        stack.extend(nodes[i].options.iter().filter_map(|o| index.get(o.next.as_str()).copied()));
    }
    for (i, node) in nodes.iter().enumerate() {
        if !seen[i] {
            diagnostics.push(route.error("unreachable-node", &format!("nodes.{i}.id"), format!("node `{}` cannot be reached from the start node `{}`", node.id, route.value.start)).with_help("add an option that leads to it, or remove the node"));
        }
    }
}

fn check_cycles(route: &Item<Route>, index: &HashMap<&str, usize>, start: usize, diagnostics: &Diagnostics) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let nodes = &route.value.nodes;
    let mut marks = vec![Mark::New; nodes.len()];
    let mut reported: HashSet<usize> = HashSet::new();
    // Iterative depth-first search: `path` contains the open nodes in order.
    let mut starts: Vec<usize> = vec![start];
    starts.extend(0..nodes.len());
    for root in starts {
        if marks[root] != Mark::New {
            continue;
        }
        let mut path: Vec<(usize, usize)> = vec![(root, 0)];
        marks[root] = Mark::Open;
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            let options = &nodes[node].options;
            if *next >= options.len() {
                marks[node] = Mark::Done;
                path.pop();
                continue;
            }
            let option = *next;
            *next += 1;
            let Some(&target) = index.get(options[option].next.as_str()) else { continue };
            match marks[target] {
                Mark::New => {
                    marks[target] = Mark::Open;
                    path.push((target, 0));
                }
                Mark::Open if reported.insert(node) => {
                    let from = path.iter().position(|(n, _)| *n == target).unwrap_or(0);
                    let cycle: Vec<&str> = path[from..].iter().map(|(n, _)| nodes[*n].id.as_str()).chain([nodes[target].id.as_str()]).collect();
                    diagnostics.push(route.error("route-cycle", &format!("nodes.{node}.options.{option}.next"), format!("the route has a cycle: {}", cycle.join(" → "))).with_help("every path must move forward to an outcome; point this option to a later node"));
                }
                _ => {}
            }
        }
    }
}

fn check_forms(route: &Item<Route>, diagnostics: &Diagnostics) {
    let covered: HashSet<Form> = route.value.nodes.iter().filter(|n| n.is_outcome()).filter_map(|n| n.form).collect();
    for form in Form::ALL {
        if !covered.contains(&form) {
            diagnostics.push(route.error("missing-form-outcome", "nodes", format!("no outcome handles {} ({})", form.label(), form.code())).with_help(format!("add an outcome with `form: {}`", form.code())));
        }
    }
}
